/**
 * The terminal cursor's column after some output, as far as the shell can know it: bash draws its
 * prompt right after output that did not end a line (the console producer's `>` then Ctrl-D gives
 * `>$ `), and the line editor must then know where its prompt starts. Line ends, carriage returns,
 * text (by cell width), Backspace, Tab, colours and the cursor moves the shell itself writes are
 * followed; anything else, or a row that reached the screen's edge (it wrapped), leaves the column
 * unknown (`undefined`) until the next line end, and the prompt goes to a fresh row instead.
 */
import { textWidth } from './text-width.ts';

// eslint-disable-next-line no-control-regex
const PIECES = /\x1b\[([0-9;?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^[\]]?|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f\x1b]+/g;

/** The column after `data` is written at `column` (undefined: unknown) on a screen `columns` wide. */
export function columnAfter(column: number | undefined, data: string, columns: number): number | undefined {
  const lineEnd = Math.max(data.lastIndexOf('\n'), data.lastIndexOf('\r'));
  let at = lineEnd >= 0 ? 0 : column;
  const rest = lineEnd >= 0 ? data.slice(lineEnd + 1) : data;
  for (const [piece, parameters, final] of rest.matchAll(PIECES)) {
    if (final !== undefined) at = afterControlSequence(at, parameters, final);
    else if (piece[0] === '\x1b') at = piece[1] === ']' ? at : undefined;
    else if (piece === '\b') at = at === undefined ? undefined : Math.max(0, at - 1);
    else if (piece === '\t') at = at === undefined ? undefined : (Math.floor(at / 8) + 1) * 8;
    else if (piece === '\x07') continue;
    else if (piece.length === 1 && (piece < ' ' || piece === '\x7f')) at = undefined;
    else if (at !== undefined) at += textWidth(piece);
    if (at !== undefined && at >= columns) at = undefined;
  }
  return at;
}

/** CSI sequences: colours and erasing leave the column; the cursor moves set or shift it. */
function afterControlSequence(at: number | undefined, parameters: string, final: string): number | undefined {
  const numbers = parameters.split(';').map((parameter) => Number(parameter) || 0);
  switch (final) {
    case 'm':
    case 'K':
    case 'J':
    case 'A':
    case 'B':
      return at;
    case 'C':
      return at === undefined ? undefined : at + Math.max(1, numbers[0]);
    case 'D':
      return at === undefined ? undefined : Math.max(0, at - Math.max(1, numbers[0]));
    case 'G':
      return Math.max(1, numbers[0]) - 1;
    case 'H':
    case 'f':
      return Math.max(1, numbers[1] ?? 0) - 1;
    default:
      return undefined;
  }
}
