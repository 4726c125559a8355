/**
 * What a piece of text takes on the screen. The line editor moves by user-perceived characters
 * (graphemes: `é` written as e + accent is one) and lays them out in terminal cells the way
 * xterm.js does with its default Unicode 6 widths: East Asian wide characters take two cells,
 * combining marks none, everything else one. Control characters are shown as `^X`, as bash does.
 */

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The user-perceived characters of `text` (code points where the runtime has no `Intl.Segmenter`). */
export function graphemes(text: string): string[] {
  // Printable ASCII never joins into clusters; the segmenter costs ~0.5 µs a character (a pasted megabyte).
  if (PRINTABLE_ASCII.test(text)) return text.split('');
  if (segmenter) return Array.from(segmenter.segment(text), (segment) => segment.segment);
  return Array.from(text);
}

const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code < 0xa0);

/** How the editor draws a grapheme: itself, or `^X` for a control character. */
export function displayed(grapheme: string): string {
  const code = grapheme.codePointAt(0)!;
  if (!isControl(code)) return grapheme;
  return code === 0x7f ? '^?' : code < 0x20 ? `^${String.fromCharCode(code + 0x40)}` : '^?';
}

/** Terminal cells taken by a grapheme as the editor draws it. */
export function cellWidth(grapheme: string): number {
  const first = grapheme.codePointAt(0)!;
  if (isControl(first)) return 2;
  let width = 0;
  for (const char of grapheme) width += codePointWidth(char.codePointAt(0)!);
  return width;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** Markus Kuhn's wcwidth, as xterm.js's Unicode 6 provider has it. */
function codePointWidth(code: number): number {
  if (code < 0x300) return 1;
  if (ZERO_WIDTH.test(String.fromCodePoint(code)) || (code >= 0x1160 && code <= 0x11ff)) return 0;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    code === 0x2329 ||
    code === 0x232a ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe10 && code <= 0xfe19) ||
    (code >= 0xfe30 && code <= 0xfe6f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x2fffd) ||
    (code >= 0x30000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Cells taken by `text` (no control characters) on one row. */
export function textWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const grapheme of graphemes(text)) width += cellWidth(grapheme);
  return width;
}

/** A prompt's text without its colour escapes (what it takes on the screen). */
export function withoutEscapes(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g, '');
}
