/**
 * Writes `messages/index.ts`: re-exports every generated message file and builds `API_KEYS`,
 * `RequestBodies` / `ResponseBodies` (body type per API key) and `API_REGISTRY` (codecs and advertised
 * versions per API key).
 */
import type { SupportedApi } from '../supported-apis.ts';

/** One API whose request and response files were generated. */
export interface RegistryEntry {
  readonly api: SupportedApi;
  /** Module names without extension, e.g. `produce-request`. */
  readonly requestModule: string;
  readonly responseModule: string;
  /** The schema's first flexible version (`flexibleVersions`), or null when it has none. */
  readonly firstFlexibleVersion: number | null;
}

export function emitRegistry(entries: readonly RegistryEntry[], header: string): string {
  const sorted = [...entries].sort((a, b) => a.api.apiKey - b.api.apiKey);
  const modules = sorted.flatMap((entry) => [entry.requestModule, entry.responseModule]).sort();
  const lines: string[] = [
    header,
    '',
    "import type { ApiDefinition } from '../api-definition.ts';",
  ];
  for (const entry of sorted) {
    const request = `${entry.api.name}Request`;
    const response = `${entry.api.name}Response`;
    lines.push(`import { decode${request}, encode${request} } from './${entry.requestModule}.ts';`);
    lines.push(`import type { ${request} } from './${entry.requestModule}.ts';`);
    lines.push(`import { decode${response}, encode${response} } from './${entry.responseModule}.ts';`);
    lines.push(`import type { ${response} } from './${entry.responseModule}.ts';`);
  }
  lines.push('');
  for (const module of modules) lines.push(`export * from './${module}.ts';`);
  lines.push('', '/** API keys by Kafka API name. */', 'export const API_KEYS = {');
  for (const entry of sorted) lines.push(`  ${entry.api.name}: ${entry.api.apiKey},`);
  lines.push('} as const;', '');
  lines.push('/** A Kafka API name we have codecs for. */', 'export type ApiName = keyof typeof API_KEYS;', '');
  lines.push('/** An API key we have codecs for. */', 'export type ApiKey = (typeof API_KEYS)[ApiName];', '');
  lines.push('/** The request body type of each API key. */', 'export interface RequestBodies {');
  for (const entry of sorted) lines.push(`  ${entry.api.apiKey}: ${entry.api.name}Request;`);
  lines.push('}', '');
  lines.push('/** The response body type of each API key. */', 'export interface ResponseBodies {');
  for (const entry of sorted) lines.push(`  ${entry.api.apiKey}: ${entry.api.name}Response;`);
  lines.push('}', '');
  lines.push(
    '/** Advertised versions and codecs of every API, by key (generated from supported-apis.ts). */',
    'export const API_REGISTRY: { readonly [K in ApiKey]: ApiDefinition<K, RequestBodies[K], ResponseBodies[K]> } = {',
  );
  for (const entry of sorted) {
    const { api } = entry;
    lines.push(
      `  ${api.apiKey}: {`,
      `    apiKey: ${api.apiKey},`,
      `    name: '${api.name}',`,
      `    minVersion: ${api.minVersion},`,
      `    maxVersion: ${api.maxVersion},`,
      `    firstFlexibleVersion: ${entry.firstFlexibleVersion},`,
      `    optional: ${api.optional},`,
      `    note: ${quote(api.note)},`,
      `    encodeRequest: encode${api.name}Request,`,
      `    decodeRequest: decode${api.name}Request,`,
      `    encodeResponse: encode${api.name}Response,`,
      `    decodeResponse: decode${api.name}Response,`,
      '  },',
    );
  }
  lines.push('};', '');
  return lines.join('\n');
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
