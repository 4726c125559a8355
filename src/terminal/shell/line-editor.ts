/**
 * The line being typed at the prompt, and how it is drawn. The editor knows where the terminal's
 * cursor is relative to the row the prompt starts on, so a line that wraps past the screen's width
 * is redrawn in place: up to the prompt's row, clear to the end of the screen, prompt and line
 * again, cursor back where it belongs. After a resize, xterm.js has re-wrapped the line itself, so
 * the editor works out the cursor's row under the new width before it redraws.
 *
 * It edits user-perceived characters (graphemes), never bytes or UTF-16 halves. Typing or pasting
 * at the end of the line costs what is added, not the whole line (a paste arrives in chunks of
 * 16 KiB): the layout of the line's end is kept and moved on by the new characters.
 */
import { cellWidth, displayed, graphemes, withoutEscapes } from './text-width.ts';

export interface LineEditorOptions {
  columns: number;
  /** Where the drawing goes (the shell's screen, which obeys flow control). */
  write(text: string): void;
  /** The most characters (graphemes) a line takes; more is not inserted. */
  maxLength?: number;
}

interface Cell {
  row: number;
  column: number;
}

/** Where the next grapheme would go: `column` may equal the width (the row is full, the wrap pending). */
type Flow = Cell;

export class LineEditor {
  #columns: number;
  readonly #write: (text: string) => void;
  readonly #maxLength: number;
  #prompt = '';
  /** Where on its row the prompt starts: the cells before it hold output the line does not own. */
  #promptColumn = 0;
  /** The cells before the line's first character: those before the prompt and the prompt's. */
  #promptWidth = 0;
  #chars: string[] = [];
  #cursor = 0;
  /** The terminal cursor's row, counted from the row the prompt starts on (from its column 0). */
  #row = 0;
  /** What the last kill (Ctrl-U, Ctrl-K, Ctrl-W) removed, for Ctrl-Y. */
  #killed = '';
  /** The layout after the line's last grapheme, while it is known (any edit but an append forgets it). */
  #endFlow: Flow | null = null;

  constructor(options: LineEditorOptions) {
    this.#columns = Math.max(1, options.columns);
    this.#write = options.write;
    this.#maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
  }

  get text(): string {
    return this.#chars.join('');
  }

  /** The text left of the cursor (what tab completion completes). */
  get textBeforeCursor(): string {
    return this.#chars.slice(0, this.#cursor).join('');
  }

  get columns(): number {
    return this.#columns;
  }

  /** The screen's width while the editor is not on screen (a command runs); the next `start` uses it. */
  set columns(columns: number) {
    this.#columns = Math.max(1, columns);
    this.#endFlow = null;
  }

  /** Characters (graphemes) in the line. */
  get length(): number {
    return this.#chars.length;
  }

  /**
   * Draws `prompt` and `text` from `column` of the current row (bash's prompt follows output that did
   * not end a line), cursor at the end of `text` or at `cursor` characters.
   */
  start(prompt: string, text = '', cursor?: number, column = 0): void {
    this.#prompt = prompt;
    this.#promptColumn = column;
    this.#promptWidth = column + withoutEscapes(prompt).length;
    this.#setChars(graphemes(text));
    this.#cursor = cursor === undefined ? this.#chars.length : Math.min(cursor, this.#chars.length);
    this.#row = 0;
    this.#redraw();
  }

  /** Replaces the whole line (a history entry), cursor at its end. */
  replace(text: string): void {
    this.#setChars(graphemes(text));
    this.#cursor = this.#chars.length;
    this.#redraw();
  }

  /**
   * Inserts `text` at the cursor, as much of it as the line has room for; false when some of it did
   * not fit (`maxLength`).
   */
  insert(text: string): boolean {
    if (text === '') return true;
    const chars = this.#chars;
    const cursor = this.#cursor;
    const atEnd = cursor === chars.length;
    // A combining mark typed after a character joins it: the character before the cursor is split again with the text.
    const joinsWith = cursor > 0 ? chars[cursor - 1] : '';
    let added = graphemes(joinsWith + text);
    const rejoined = joinsWith !== '' && added[0] !== joinsWith;
    if (joinsWith !== '' && !rejoined) added = added.slice(1);
    const room = this.#maxLength - chars.length + (rejoined ? 1 : 0);
    const fits = added.length <= room;
    if (!fits) added = added.slice(0, Math.max(0, room));
    if (added.length === 0) return fits;

    const from = rejoined ? cursor - 1 : cursor;
    if (atEnd) {
      if (rejoined) chars.length = from;
      for (const char of added) chars.push(char);
    } else {
      this.#chars = chars.slice(0, from).concat(added, chars.slice(cursor));
    }
    this.#cursor = from + added.length;
    const plain = added.every((char) => displayed(char) === char);
    if (!atEnd || !plain) {
      this.#endFlow = null;
      this.#redraw();
    } else if (rejoined || this.#endFlow === null) {
      this.#endFlow = null;
      this.#drawAppended(null, added.join('').slice(rejoined ? joinsWith.length : 0));
    } else {
      this.#drawAppended(added, added.join(''));
    }
    return fits;
  }

  backspace(): boolean {
    if (this.#cursor === 0) return false;
    this.#chars.splice(this.#cursor - 1, 1);
    this.#endFlow = null;
    this.#cursor -= 1;
    this.#redraw();
    return true;
  }

  deleteForward(): boolean {
    if (this.#cursor >= this.#chars.length) return false;
    this.#chars.splice(this.#cursor, 1);
    this.#endFlow = null;
    this.#redraw();
    return true;
  }

  left(): boolean {
    return this.#moveTo(this.#cursor - 1);
  }

  right(): boolean {
    return this.#moveTo(this.#cursor + 1);
  }

  home(): boolean {
    return this.#moveTo(0);
  }

  end(): boolean {
    return this.#moveTo(this.#chars.length);
  }

  /** Alt-B / Ctrl-Left: to the start of the word (letters and digits) before the cursor. */
  wordLeft(): boolean {
    let i = this.#cursor;
    while (i > 0 && !isWordChar(this.#chars[i - 1])) i--;
    while (i > 0 && isWordChar(this.#chars[i - 1])) i--;
    return this.#moveTo(i);
  }

  /** Alt-F / Ctrl-Right: to the end of the next word. */
  wordRight(): boolean {
    let i = this.#cursor;
    while (i < this.#chars.length && !isWordChar(this.#chars[i])) i++;
    while (i < this.#chars.length && isWordChar(this.#chars[i])) i++;
    return this.#moveTo(i);
  }

  /** Ctrl-U: everything left of the cursor. */
  killToStart(): boolean {
    return this.#kill(0, this.#cursor);
  }

  /** Ctrl-K: everything from the cursor on. */
  killToEnd(): boolean {
    return this.#kill(this.#cursor, this.#chars.length);
  }

  /** Ctrl-W: back to the previous blank (bash's unix-word-rubout). */
  killWordBack(): boolean {
    let i = this.#cursor;
    while (i > 0 && isBlank(this.#chars[i - 1])) i--;
    while (i > 0 && !isBlank(this.#chars[i - 1])) i--;
    return this.#kill(i, this.#cursor);
  }

  /** Ctrl-Y: puts back what the last kill removed. */
  yank(): boolean {
    if (!this.#killed) return false;
    this.insert(this.#killed);
    return true;
  }

  /** Draws prompt and line again at the start of the current row (after Ctrl-L cleared the screen). */
  redrawFresh(): void {
    this.#promptWidth -= this.#promptColumn;
    this.#promptColumn = 0;
    this.#row = 0;
    this.#endFlow = null;
    this.#redraw();
  }

  /** The screen is `columns` wide now; xterm.js re-wrapped the line, the editor redraws it. */
  resize(columns: number): void {
    if (columns === this.#columns) return;
    this.#columns = Math.max(1, columns);
    this.#endFlow = null;
    this.#row = this.#layout().cursor.row;
    this.#redraw();
  }

  /** Leaves the line: cursor after its end, then `suffix` (`\r\n` for Enter, `^C\r\n` for Ctrl-C). */
  leave(suffix: string): string {
    const { end } = this.#layout();
    const down = end.row - this.#row;
    this.#write((down > 0 ? `\x1b[${down}B` : '') + (down !== 0 || this.#cursor !== this.#chars.length ? `\r${forward(end.column)}` : '') + suffix);
    this.#row = 0;
    return this.text;
  }

  #kill(from: number, to: number): boolean {
    if (from >= to) return false;
    this.#killed = this.#chars.slice(from, to).join('');
    this.#chars.splice(from, to - from);
    this.#endFlow = null;
    this.#cursor = from;
    this.#redraw();
    return true;
  }

  #moveTo(index: number): boolean {
    if (index < 0 || index > this.#chars.length || index === this.#cursor) return false;
    const from = this.#layout().cursor;
    this.#cursor = index;
    const { cursor } = this.#layout();
    this.#write(this.#moveFrom(this.#row, cursor, from));
    this.#row = cursor.row;
    return true;
  }

  /**
   * Typing at the end of the line: just the new characters, `shown` (the terminal wraps them
   * itself). With `added`, the line's end is moved on by them; with `null`, it is laid out again (a
   * mark that joined the character before).
   */
  #drawAppended(added: readonly string[] | null, shown: string): void {
    const flow = added === null ? this.#flowAfter(this.#startFlow(), this.#chars) : this.#flowAfter(this.#endFlow!, added);
    this.#endFlow = flow;
    const { end, endPending } = this.#end(flow);
    this.#write(shown + (endPending ? ' \r' : ''));
    this.#row = end.row;
  }

  #redraw(): void {
    const { cursor, end, endPending } = this.#layout();
    const promptStart = this.#cellAt(this.#promptColumn);
    let out = this.#moveFrom(this.#row, promptStart);
    out += `\x1b[J${this.#prompt}${this.#chars.map(displayed).join('')}`;
    // A line that ends exactly at the right edge leaves the cursor waiting to wrap; a space and
    // a carriage return make the terminal wrap for real, so the cursor is where we count it.
    if (endPending) out += ' \r';
    out += this.#moveFrom(end.row, cursor, end);
    this.#row = cursor.row;
    this.#write(out);
  }

  /** The escape sequence that moves the cursor from `row` (its column unknown, or `at`) to `target`. */
  #moveFrom(row: number, target: Cell, at?: Cell): string {
    if (at && at.row === target.row && at.column === target.column) return '';
    if (at && at.row === row && row === target.row) {
      const step = target.column - at.column;
      return step === -1 ? '\b' : step < 0 ? `\x1b[${-step}D` : `\x1b[${step}C`;
    }
    const vertical = row > target.row ? `\x1b[${row - target.row}A` : row < target.row ? `\x1b[${target.row - row}B` : '';
    return `${vertical}\r${forward(target.column)}`;
  }

  /**
   * Where each character lands: the prompt's cells first, then each grapheme; one that does not fit
   * on the row (a wide character in the last column) goes to the start of the next, as xterm.js does.
   */
  #layout(): { cursor: Cell; end: Cell; endPending: boolean } {
    let flow = this.#startFlow();
    let cursor: Cell | undefined;
    if (this.#cursor < this.#chars.length) {
      flow = this.#flowAfter(flow, this.#chars, 0, this.#cursor);
      cursor = this.#place(flow, this.#chars[this.#cursor]);
      flow = this.#flowAfter(flow, this.#chars, this.#cursor);
    } else {
      flow = this.#endFlow ?? this.#flowAfter(flow, this.#chars);
    }
    this.#endFlow = flow;
    const { end, endPending } = this.#end(flow);
    return { cursor: cursor ?? end, end, endPending };
  }

  /** Where the first grapheme goes: after the prompt's cells. */
  #startFlow(): Flow {
    const columns = this.#columns;
    const row = Math.floor(this.#promptWidth / columns);
    const column = this.#promptWidth % columns;
    return column === 0 && row > 0 ? { row: row - 1, column: columns } : { row, column };
  }

  /** The cell `cells` cells after the start of the prompt's row (the line wraps at the screen's width). */
  #cellAt(cells: number): Cell {
    return { row: Math.floor(cells / this.#columns), column: cells % this.#columns };
  }

  /** The cell `char` takes when drawn at `flow`. */
  #place(flow: Flow, char: string): Cell {
    return flow.column + cellWidth(char) > this.#columns ? { row: flow.row + 1, column: 0 } : flow;
  }

  /** The flow after drawing `chars[from..to)` from `flow`. */
  #flowAfter(flow: Flow, chars: readonly string[], from = 0, to = chars.length): Flow {
    const columns = this.#columns;
    let { row, column } = flow;
    for (let i = from; i < to; i++) {
      const width = cellWidth(chars[i]);
      if (column + width > columns) {
        row += 1;
        column = 0;
      }
      column += width;
    }
    return { row, column };
  }

  /** The line's end as the cursor sees it: a full last row puts it at the start of the next. */
  #end(flow: Flow): { end: Cell; endPending: boolean } {
    const endPending = flow.column >= this.#columns;
    return { end: endPending ? { row: flow.row + 1, column: 0 } : flow, endPending };
  }

  #setChars(chars: string[]): void {
    this.#chars = chars.length > this.#maxLength ? chars.slice(0, this.#maxLength) : chars;
    this.#endFlow = null;
  }
}

function forward(columns: number): string {
  return columns > 0 ? `\x1b[${columns}C` : '';
}

const isBlank = (char: string) => char === ' ' || char === '\t';
const isWordChar = (char: string) => /[\p{L}\p{N}]/u.test(char);
