/**
 * `java.util.Properties#load`: the format of `--command-config client.properties`. `key=value`,
 * `key: value` or `key value`; `#` and `!` start comment lines; a line ending in an odd number of
 * backslashes continues on the next one (its leading blanks dropped); `\t \n \r \f \uXXXX` escapes,
 * and a backslash before any other character stands for that character. A later key wins.
 */
const BLANK = new Set([' ', '\t', '\f']);

export function parseJavaProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of logicalLines(text)) {
    // The key ends at the first unescaped '=', ':' or blank.
    let index = 0;
    while (index < line.length && !(line[index] === '=' || line[index] === ':' || BLANK.has(line[index]))) {
      index += line[index] === '\\' ? 2 : 1;
    }
    const key = line.slice(0, Math.min(index, line.length));
    while (index < line.length && BLANK.has(line[index])) index += 1;
    if (line[index] === '=' || line[index] === ':') index += 1;
    while (index < line.length && BLANK.has(line[index])) index += 1;
    properties.set(unescape(key), unescape(line.slice(index)));
  }
  return properties;
}

/** Natural lines joined into logical ones, comments and blank lines dropped, leading blanks removed. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current: string | null = null;
  for (const natural of text.split(/\r\n|\r|\n/)) {
    const trimmed = natural.replace(/^[ \t\f]+/, '');
    if (current === null) {
      if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
      current = '';
    }
    const trailing = /\\*$/.exec(trimmed)![0].length;
    if (trailing % 2 === 1) {
      current += trimmed.slice(0, -1);
      continue;
    }
    lines.push(current + trimmed);
    current = null;
  }
  if (current !== null) lines.push(current);
  return lines;
}

function unescape(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = text[++index];
    if (next === undefined) break;
    if (next === 't') out += '\t';
    else if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else if (next === 'f') out += '\f';
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 1, index + 5))) {
      out += String.fromCharCode(Number.parseInt(text.slice(index + 1, index + 5), 16));
      index += 4;
    } else out += next;
  }
  return out;
}
