/** One step into the compose file: a map key or a list index. */
export type KeyPathSegment = string | number;

/** `services.kafka-1.ports[0]`: how Compose's own errors name a place in the file. */
export function formatKeyPath(path: readonly KeyPathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? '(the whole file)' : text;
}

/**
 * What is wrong with a compose file: `message` names the key path (and, once located, the file and
 * line), `hint` says what to do about it. Thrown for YAML syntax errors, keys kafkalab refuses,
 * invalid values and inconsistencies (unknown or cyclic depends_on, undeclared volumes, ...).
 */
export class ComposeFileError extends Error {
  /** Where in the file, as key path segments (`['services', 'kafka-1', 'ports', 0]`). */
  readonly path: readonly KeyPathSegment[];
  /** The key path as text: `services.kafka-1.ports[0]`. */
  readonly keyPath: string;
  /** What is wrong, without the location prefix. */
  readonly problem: string;
  /** How to fix it. */
  readonly hint?: string;
  /** The compose file and 1-based line, when the key could be found in the YAML. */
  readonly file?: string;
  readonly line?: number;

  constructor(path: readonly KeyPathSegment[], problem: string, hint?: string, location?: { file: string; line?: number }) {
    const keyPath = formatKeyPath(path);
    const where = location ? `${location.file}${location.line !== undefined ? `:${location.line}` : ''}: ` : '';
    super(`${where}${keyPath}: ${problem}`);
    this.name = 'ComposeFileError';
    this.path = path;
    this.keyPath = keyPath;
    this.problem = problem;
    this.hint = hint;
    this.file = location?.file;
    this.line = location?.line;
  }

  /** The same error, its message prefixed with the file and line where the key is. */
  locatedAt(file: string, line: number | undefined): ComposeFileError {
    return new ComposeFileError(this.path, this.problem, this.hint, { file, line });
  }
}
