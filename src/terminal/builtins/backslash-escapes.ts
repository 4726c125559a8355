/**
 * Backslash escapes as bash's `echo -e` and `printf %b` read them (`\n`, `\t`, `\c` stops the
 * output, `\0nnn`, `\xHH`), and as `printf` reads its format (`\nnn` without the leading 0).
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** `\0nnn` (echo -e, printf %b) or `\nnn` (printf's format). */
export type OctalEscape = 'with-zero' | 'plain';

/** The text with its escapes read, and whether a `\c` stopped it (nothing more is written). */
export function expandEscapes(text: string, octal: OctalEscape = 'with-zero'): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c !== '\\' || next === undefined) {
      out += c;
    } else if (next === 'c') {
      return { text: out, stop: true };
    } else if (SIMPLE_ESCAPES[next] !== undefined) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
    } else if (next === '0' && octal === 'with-zero') {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(digits || '0', 8));
      i += 1 + digits.length;
    } else if (octal === 'plain' && /[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(digits, 8));
      i += digits.length;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(digits, 16));
      i += 1 + digits.length;
    } else {
      out += c;
    }
  }
  return { text: out, stop: false };
}
