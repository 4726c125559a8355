/**
 * A small terminal for tests: it interprets what the lab shell writes the way xterm.js does (wrap
 * with a pending-wrap state, the cursor moves, erase in line/display, clear, re-wrapping of wrapped
 * lines on resize) so a test can assert what the learner sees instead of escape bytes.
 * Colours and modes are ignored.
 */
import { cellWidth, graphemes } from '../text-width.ts';

interface Line {
  /** One entry per column; a wide character is followed by '' for its second cell. */
  cells: string[];
  /** This row continues the one above (the terminal wrapped it). */
  wrapped: boolean;
}

export class VirtualScreen {
  #columns: number;
  #rows: number;
  #lines: Line[] = [];
  /** Absolute row in `#lines`, and column (equal to `columns` while a wrap is pending). */
  #y = 0;
  #x = 0;
  #pending = '';
  /** Every bell (`\x07`) written. */
  bells = 0;

  constructor(columns = 80, rows = 24) {
    this.#columns = columns;
    this.#rows = rows;
    for (let i = 0; i < rows; i++) this.#lines.push(this.#blank());
  }

  get columns(): number {
    return this.#columns;
  }

  /** The cursor in the visible part: row 0 is the top row of the screen. */
  get cursor(): { row: number; column: number } {
    return { row: this.#y - this.#top(), column: Math.min(this.#x, this.#columns - 1) };
  }

  write(data: string): void {
    const input = this.#pending + data;
    this.#pending = '';
    let i = 0;
    while (i < input.length) {
      const c = input[i];
      if (c === '\x1b') {
        const end = this.#escape(input, i);
        if (end < 0) {
          this.#pending = input.slice(i);
          return;
        }
        i = end;
      } else if (c === '\r') {
        this.#x = 0;
        i++;
      } else if (c === '\n') {
        if (this.#x >= this.#columns) this.#x = this.#columns - 1;
        this.#lineFeed();
        i++;
      } else if (c === '\b') {
        this.#x = Math.max(0, Math.min(this.#x, this.#columns - 1) - 1);
        i++;
      } else if (c === '\x07') {
        this.bells++;
        i++;
      } else if (c < ' ') {
        i++;
      } else {
        let j = i;
        while (j < input.length && input[j] >= ' ' && input[j] !== '\x7f') j++;
        for (const char of graphemes(input.slice(i, j))) this.#print(char);
        i = j;
      }
    }
  }

  /** Every line written (scrollback and screen), trailing blanks removed, wrapped rows kept apart. */
  text(): string {
    const lines = this.#lines.map((line) => this.#rowText(line));
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines.join('\n');
  }

  /** The rows on the screen now. */
  visible(): string[] {
    return this.#lines.slice(this.#top()).map((line) => this.#rowText(line));
  }

  /** The text of the screen row the cursor is on, and of the logical line (wrapped rows joined) it belongs to. */
  cursorLine(): string {
    let start = this.#y;
    while (start > 0 && this.#lines[start].wrapped) start--;
    let end = this.#y;
    while (end + 1 < this.#lines.length && this.#lines[end + 1].wrapped) end++;
    return this.#lines
      .slice(start, end + 1)
      .map((line) => line.cells.join(''))
      .join('')
      .trimEnd();
  }

  /** Like xterm.js: wrapped rows are joined and wrapped again at the new width; the cursor follows its character. */
  resize(columns: number, rows = this.#rows): void {
    const logical: Array<{ cells: string[]; cursorAt?: number }> = [];
    this.#lines.forEach((line, index) => {
      const cells = line.cells.slice();
      if (line.wrapped && logical.length > 0) {
        const previous = logical.at(-1)!;
        if (index === this.#y) previous.cursorAt = previous.cells.length + this.#x;
        previous.cells.push(...cells);
      } else {
        logical.push(index === this.#y ? { cells, cursorAt: this.#x } : { cells });
      }
    });
    this.#columns = columns;
    this.#rows = rows;
    this.#lines = [];
    for (const { cells, cursorAt } of logical) {
      let used = cells.length;
      while (used > 0 && cells[used - 1] === ' ') used--;
      if (cursorAt !== undefined) used = Math.max(used, cursorAt);
      const firstRow = this.#lines.length;
      let row: Line = { cells: [], wrapped: false };
      for (let i = 0; i < used; i++) {
        const cell = cells[i] ?? ' ';
        const wide = cells[i + 1] === '';
        if (row.cells.length + (wide ? 2 : 1) > columns || (cell === '' && row.cells.length >= columns)) {
          this.#lines.push(this.#pad(row));
          row = { cells: [], wrapped: true };
        }
        if (cell === '' && row.cells.length === 0) continue;
        row.cells.push(cell);
      }
      this.#lines.push(this.#pad(row));
      if (cursorAt !== undefined) {
        this.#y = firstRow + Math.floor(cursorAt / columns);
        this.#x = cursorAt % columns;
        while (this.#lines.length <= this.#y) this.#lines.push({ ...this.#blank(), wrapped: true });
      }
    }
    // Blank rows below the cursor make room instead of pushing the text into the scrollback.
    while (this.#lines.length > Math.max(rows, this.#y + 1) && this.#rowText(this.#lines.at(-1)!) === '') this.#lines.pop();
    while (this.#lines.length < rows) this.#lines.push(this.#blank());
  }

  #print(char: string): void {
    const width = cellWidth(char);
    if (width === 0) {
      const line = this.#lines[this.#y];
      const x = Math.max(0, Math.min(this.#x, this.#columns) - 1);
      line.cells[x] += char;
      return;
    }
    if (this.#x + width > this.#columns) {
      this.#x = 0;
      this.#lineFeed();
      this.#lines[this.#y].wrapped = true;
    }
    const cells = this.#lines[this.#y].cells;
    cells[this.#x] = char;
    if (width === 2) cells[this.#x + 1] = '';
    this.#x += width;
  }

  #lineFeed(): void {
    this.#y++;
    if (this.#y >= this.#lines.length) this.#lines.push(this.#blank());
  }

  /** Interprets the escape sequence at `start`; returns where the next character is, or -1 if incomplete. */
  #escape(input: string, start: number): number {
    const kind = input[start + 1];
    if (kind === undefined) return -1;
    if (kind === ']') {
      const end = input.indexOf('\x07', start);
      return end < 0 ? -1 : end + 1;
    }
    if (kind !== '[') return start + 2;
    let i = start + 2;
    while (i < input.length && input.charCodeAt(i) >= 0x20 && input.charCodeAt(i) <= 0x3f) i++;
    if (i >= input.length) return -1;
    const params = input.slice(start + 2, i);
    this.#csi(params, input[i]);
    return i + 1;
  }

  #csi(params: string, final: string): void {
    if (params.startsWith('?')) return;
    const numbers = params.split(';').map((p) => (p === '' ? undefined : Number(p)));
    const n = numbers[0] ?? 1;
    const restrict = () => {
      this.#x = Math.min(this.#x, this.#columns - 1);
    };
    switch (final) {
      case 'A':
        restrict();
        this.#y = Math.max(this.#top(), this.#y - n);
        break;
      case 'B':
        restrict();
        this.#y = Math.min(this.#lines.length - 1, this.#y + n);
        break;
      case 'C':
        restrict();
        this.#x = Math.min(this.#columns - 1, this.#x + n);
        break;
      case 'D':
        restrict();
        this.#x = Math.max(0, this.#x - n);
        break;
      case 'H':
        this.#y = this.#top() + (numbers[0] ?? 1) - 1;
        this.#x = (numbers[1] ?? 1) - 1;
        break;
      case 'J':
        this.#eraseInDisplay(numbers[0] ?? 0);
        break;
      case 'K': {
        const cells = this.#lines[this.#y].cells;
        const from = (numbers[0] ?? 0) === 0 ? Math.min(this.#x, this.#columns) : 0;
        for (let x = from; x < this.#columns; x++) cells[x] = ' ';
        break;
      }
      default:
        break; // colours (m) and the rest change nothing we look at
    }
  }

  #eraseInDisplay(mode: number): void {
    const top = this.#top();
    if (mode === 3) {
      this.#lines.splice(0, top);
      this.#y -= top;
      return;
    }
    const from = mode === 2 ? top : this.#y;
    for (let y = from; y < this.#lines.length; y++) {
      if (mode === 0 && y === this.#y) {
        for (let x = Math.min(this.#x, this.#columns); x < this.#columns; x++) this.#lines[y].cells[x] = ' ';
      } else this.#lines[y] = { ...this.#blank(), wrapped: false };
    }
    if (mode === 0) for (let y = this.#y + 1; y < this.#lines.length; y++) this.#lines[y].wrapped = false;
  }

  #top(): number {
    return Math.max(0, this.#lines.length - this.#rows);
  }

  #blank(): Line {
    return { cells: Array<string>(this.#columns).fill(' '), wrapped: false };
  }

  #pad(line: Line): Line {
    while (line.cells.length < this.#columns) line.cells.push(' ');
    return line;
  }

  #rowText(line: Line): string {
    return line.cells.join('').trimEnd();
  }
}
