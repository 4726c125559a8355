import { createHash } from 'node:crypto';

/**
 * sha256 (hex) of a value's JSON with object keys sorted, so the same configuration always hashes
 * the same whatever order the file wrote it in. Compose hashes its own Go struct's JSON, so the
 * values differ from Compose's: `docker compose up` after kafkalab's would recreate the containers.
 */
export function configHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
