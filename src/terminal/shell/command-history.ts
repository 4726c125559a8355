/**
 * The lines typed at the prompt, for Up/Down and `history`. Like bash with `HISTCONTROL=ignoredups`:
 * blank lines and a repeat of the line before are not kept. Bounded (bash's default `HISTSIZE`).
 */

export const HISTORY_SIZE = 500;

export class CommandHistory {
  readonly #entries: string[] = [];
  /** How many entries were ever added (bash numbers `history` from the first one kept). */
  #added = 0;

  add(line: string): void {
    if (line.trim() === '' || this.#entries.at(-1) === line) return;
    this.#entries.push(line);
    this.#added += 1;
    if (this.#entries.length > HISTORY_SIZE) this.#entries.shift();
  }

  entries(): readonly string[] {
    return this.#entries;
  }

  /** The number `history` shows for the first entry kept. */
  get firstNumber(): number {
    return this.#added - this.#entries.length + 1;
  }

  clear(): void {
    this.#entries.length = 0;
    this.#added = 0;
  }

  /** A walk through the history for one prompt: edits to recalled lines last until Enter, as readline's `revert-all-at-newline`. */
  browse(): HistoryBrowser {
    return new HistoryBrowser(this.#entries.slice());
  }
}

export class HistoryBrowser {
  readonly #entries: string[];
  #index: number;
  /** Lines as edited while browsing, by index (the line being typed is the one past the last entry). */
  readonly #edited = new Map<number, string>();

  constructor(entries: string[]) {
    this.#entries = entries;
    this.#index = entries.length;
  }

  /** The older line, or undefined at the oldest. `current` is the line as it is now (kept for coming back). */
  previous(current: string): string | undefined {
    return this.#go(-1, current);
  }

  next(current: string): string | undefined {
    return this.#go(1, current);
  }

  #go(step: number, current: string): string | undefined {
    const target = this.#index + step;
    if (target < 0 || target > this.#entries.length) return undefined;
    this.#edited.set(this.#index, current);
    this.#index = target;
    return this.#edited.get(target) ?? this.#entries[target] ?? '';
  }
}
