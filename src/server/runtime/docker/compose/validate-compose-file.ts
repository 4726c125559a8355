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
  const result = composeFileSchema.safeParse(interpolated);
  if (!result.success) throw issueError(result.error.issues[0]);
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

function issueError(issue: z.core.$ZodIssue): ComposeFileError {
  const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))) as KeyPathSegment[];
  if (issue.code === 'unrecognized_keys') {
    const [key] = issue.keys;
    return new ComposeFileError([...path, key], `\`${key}\` is not a key kafkalab's Compose reader supports`, `Check the spelling. Supported here: ${knownKeys(path).join(', ')}.`);
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return new ComposeFileError(path, 'is required', path.length === 1 && path[0] === 'services' ? 'Declare the containers under `services:`.' : undefined);
  }
  return new ComposeFileError(path, issue.message.replace(/^Invalid input: /, ''));
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
