/**
 * `java.util.Properties#load` for `--command-config` files: `key=value`, `key: value` or `key value`,
 * `#` and `!` comments, leading blanks ignored, a trailing backslash continues the line, and the escapes
 * `\t \n \r \f \uXXXX` (any other escaped character stands for itself).
 */
export function parseJavaProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  const physical = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < physical.length; index++) {
    let line = physical[index].replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (endsWithContinuation(line) && index + 1 < physical.length) {
      line = line.slice(0, -1) + physical[++index].replace(/^[ \t\f]+/, '');
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    const { key, value } = splitKeyValue(line);
    properties.set(unescape(key), unescape(value));
  }
  return properties;
}

function endsWithContinuation(line: string): boolean {
  let backslashes = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function splitKeyValue(line: string): { key: string; value: string } {
  let end = 0;
  while (end < line.length) {
    const c = line[end];
    if (c === '\\') end += 2;
    else if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    else end++;
  }
  const key = line.slice(0, end);
  let rest = line.slice(end).replace(/^[ \t\f]+/, '');
  if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]+/, '');
  return { key, value: rest };
}

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escaped: string) => {
    if (escaped.length === 5) return String.fromCharCode(Number.parseInt(escaped.slice(1), 16));
    return { t: '\t', n: '\n', r: '\r', f: '\f' }[escaped] ?? escaped;
  });
}
