import type { z } from 'zod';
import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';
import { composeFileSchema, serviceSchema, type ComposeFile } from './compose-schema.ts';
import { interpolateTree, type InterpolationContext } from './interpolation.ts';
import { refuseUnsupportedKeys } from './refused-keys.ts';

/**
 * From the parsed YAML to a checked ComposeFile, in Compose's order: extension keys (`x-...`) set
 * aside, refused keys named, variables interpolated, then the schema checked. The first problem
 * throws a ComposeFileError naming its key path.
 */
export function validateComposeFile(raw: Record<string, unknown>, context: InterpolationContext): ComposeFile {
  const withoutExtensions = dropExtensions(raw);
  refuseUnsupportedKeys(withoutExtensions);
  const interpolated = interpolateTree(withoutExtensions, context);
  const result = composeFileSchema.safeParse(interpolated, { reportInput: true });
  if (!result.success) {
    // A misspelt key explains a "required" one missing, so it comes first.
    const issues = [...result.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    throw issueError(mostSpecific(issues[0], []));
  }
  return result.data;
}

/** `x-` keys are free for anchors and tools, at the top level and in services (as in Compose). */
function dropExtensions(raw: Record<string, unknown>): Record<string, unknown> {
  const top = withoutExtensionKeys(raw);
  const services = top.services;
  if (services !== null && typeof services === 'object' && !Array.isArray(services)) {
    top.services = Object.fromEntries(
      Object.entries(services).map(([name, service]) => [name, service !== null && typeof service === 'object' && !Array.isArray(service) ? withoutExtensionKeys(service as Record<string, unknown>) : service]),
    );
  }
  return top;
}

function withoutExtensionKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')));
}

/**
 * For a union (map-or-list, short-or-long syntax) whose input matched one branch's type, that branch's
 * own issue, with its full path: "services.app.environment.A: expected a string..." rather than
 * "services.app.environment: expected a map or a list".
 */
function mostSpecific(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): z.core.$ZodIssue {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union') return { ...issue, path };
  const matched = issue.errors.filter((branch) => !branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
  return matched.length === 1 && matched[0].length > 0 ? mostSpecific(matched[0][0], path) : { ...issue, path };
}

function issueError(issue: z.core.$ZodIssue): ComposeFileError {
  const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))) as KeyPathSegment[];
  if (issue.code === 'unrecognized_keys') {
    const [key] = issue.keys;
    return new ComposeFileError([...path, key], `\`${key}\` is not a key kafkalab's Compose reader supports`, `Check the spelling. Supported here: ${knownKeys(path).join(', ')}.`);
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return new ComposeFileError(path, 'is required', path.length === 1 && path[0] === 'services' ? 'Declare the containers under `services:`.' : undefined);
  }
  return new ComposeFileError(path, inYamlTerms(issue.message));
}

/** Zod speaks JavaScript (record, object, array); a compose file is YAML (map, list). */
function inYamlTerms(message: string): string {
  return message
    .replace(/^Invalid (input|option): /, '')
    .replace(/\b(record|object)\b/g, 'map')
    .replace(/\barray\b/g, 'list');
}

/** The keys the schema allows for the object at `path`, for the "check the spelling" hint. */
function knownKeys(path: readonly KeyPathSegment[]): string[] {
  const [first, , third] = path;
  if (path.length === 0) return Object.keys(composeFileSchema.shape);
  if (first === 'services' && path.length === 2) return Object.keys(serviceSchema.shape);
  if (first === 'services' && third === 'healthcheck') return ['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'];
  if (first === 'services' && third === 'depends_on') return ['condition', 'restart', 'required'];
  if (first === 'services' && third === 'ports') return ['target', 'published', 'host_ip', 'protocol', 'mode', 'name', 'app_protocol'];
  if (first === 'services' && third === 'volumes') return ['type', 'source', 'target', 'read_only'];
  if (first === 'volumes') return ['name', 'driver', 'driver_opts', 'labels'];
  return [];
}
