/**
 * `java.util.Properties#load` for the files a tool is given (`--command-config`, `--add-config-file`):
 * `key=value`, `key: value` or `key value`; `#` and `!` comment lines; a backslash at the end of a line
 * continues it; `\t \n \r \f \uXXXX` escapes, any other escaped character stands for itself. A key set
 * twice keeps its last value, at its first place.
 */

const WHITESPACE = new Set([' ', '\t', '\f']);

function naturalLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Joins continued lines (an odd number of trailing backslashes) and drops blank and comment lines. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | null = null;
  for (const raw of naturalLines(text)) {
    const line: string = pending === null ? raw : pending + raw.replace(/^[ \t\f]+/, '');
    if (pending === null) {
      const start = line.replace(/^[ \t\f]+/, '');
      if (start === '' || start.startsWith('#') || start.startsWith('!')) continue;
    }
    const trailing = /\\*$/.exec(line)![0].length;
    if (trailing % 2 === 1) {
      pending = line.slice(0, -1);
      continue;
    }
    pending = null;
    lines.push(line.replace(/^[ \t\f]+/, ''));
  }
  if (pending !== null) lines.push(pending.replace(/^[ \t\f]+/, ''));
  return lines;
}

function unescape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i === text.length - 1) {
      out += c;
      continue;
    }
    const next = text[++i];
    if (next === 'u') {
      const hex = text.slice(i + 1, i + 5);
      // Java throws "Malformed \uxxxx encoding."; keeping the text is close enough for a teaching shell.
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
      } else out += 'u';
    } else out += ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[next] ?? next;
  }
  return out;
}

/** Splits a logical line at the first unescaped `=`, `:` or whitespace. */
function keyAndValue(line: string): [string, string] {
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '=' || c === ':' || WHITESPACE.has(c)) break;
  }
  const key = line.slice(0, i);
  let rest = line.slice(i).replace(/^[ \t\f]+/, '');
  if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]+/, '');
  return [unescape(key), unescape(rest)];
}

/** The properties of a file's text, in file order. */
export function parseJavaProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const [key, value] = keyAndValue(line);
    properties.set(key, value);
  }
  return properties;
}
