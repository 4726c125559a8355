/**
 * `Utils.loadProps(file)` as Kafka's tools call it for `--producer.config`, `--consumer.config`,
 * `--command-config`: `java.util.Properties#load` of a file the learner has. In the lab shell there
 * are no files, and the tool fails as Java does for a missing one (`java.nio.file.NoSuchFileException`).
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { JavaException } from './java-exception.ts';
import { LOAD_PROPS_FRAMES } from './java-stack-trace.ts';

/** Reads and parses `path`; a missing file (or no file system) is Java's NoSuchFileException. */
export async function loadProps(env: ToolEnvironment, path: string): Promise<Map<string, string>> {
  if (!env.readFile) throw new JavaException('java.nio.file.NoSuchFileException', path);
  let text: string;
  try {
    text = await env.readFile(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new JavaException('java.nio.file.NoSuchFileException', path);
    throw new JavaException('java.io.IOException', error instanceof Error ? error.message : String(error));
  }
  return parseJavaProperties(text);
}

/**
 * The properties of an optional file option (`--command-config`, `--add-config-file`): empty without
 * one. A file that cannot be read fails as `Utils.loadProps` does, thrown at its frames and then
 * `callerFrames` (where the tool calls it, outwards), for the tool's stack trace.
 */
export async function loadOptionalProps(env: ToolEnvironment, path: string | undefined, callerFrames: readonly string[]): Promise<Map<string, string>> {
  if (path === undefined) return new Map();
  try {
    return await loadProps(env, path);
  } catch (error) {
    if (error instanceof JavaException) throw new JavaException(error.javaClass, error.message, [...LOAD_PROPS_FRAMES, ...callerFrames]);
    throw error;
  }
}

/**
 * `Properties#load`: `key=value`, `key: value` or `key value`; `#` and `!` comments; a trailing
 * backslash continues the line; `\t`, `\n`, `\uXXXX` and `\<char>` escapes. Later keys win.
 */
export function parseJavaProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index].replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (endsWithContinuation(line) && index + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++index].replace(/^[ \t\f]+/, '');
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    let keyEnd = 0;
    while (keyEnd < line.length && !'=: \t\f'.includes(line[keyEnd])) keyEnd += line[keyEnd] === '\\' ? 2 : 1;
    let valueStart = keyEnd;
    while (valueStart < line.length && ' \t\f'.includes(line[valueStart])) valueStart++;
    if (valueStart < line.length && '=:'.includes(line[valueStart])) valueStart++;
    while (valueStart < line.length && ' \t\f'.includes(line[valueStart])) valueStart++;
    properties.set(unescape(line.slice(0, keyEnd)), unescape(line.slice(valueStart)));
  }
  return properties;
}

function endsWithContinuation(line: string): boolean {
  const backslashes = /\\*$/.exec(line)?.[0].length ?? 0;
  return backslashes % 2 === 1;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escaped: string) =>
    escaped.length === 5 ? String.fromCharCode(parseInt(escaped.slice(1), 16)) : (ESCAPES[escaped] ?? escaped),
  );
}

/** `CommandLineUtils.parseKeyValueArgs` (`--property`, `--producer-property`, ...): `k=v` split at the first `=`; a missing value is empty; later keys win. */
export function parseKeyValueArgs(args: readonly string[]): Map<string, string> {
  const properties = new Map<string, string>();
  for (const arg of args) {
    const equals = arg.indexOf('=');
    if (equals < 0) properties.set(arg, '');
    else properties.set(arg.slice(0, equals), arg.slice(equals + 1));
  }
  return properties;
}
