/**
 * Turns what xterm.js sends (`onData`: text, control characters, escape sequences) into keys. Runs
 * of printable text stay one key, so a paste is inserted and drawn once. An escape sequence cut at
 * the end of one message (a paste split by the page) is completed by the next; bracketed-paste
 * markers are removed (inside a paste a Tab is text, not completion).
 */

export type KeyName =
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'tab'
  | 'interrupt'
  | 'end-of-input'
  | 'kill-to-start'
  | 'kill-to-end'
  | 'kill-word-back'
  | 'yank'
  | 'clear-screen';

export type Key = { kind: 'text'; text: string } | { kind: 'enter' } | { kind: 'control'; name: KeyName };

/** Control characters (Ctrl-letter) and what they do, as in bash's default (emacs) key map. */
const CONTROL_CHARACTERS: Readonly<Record<string, KeyName>> = {
  '\x01': 'home',
  '\x02': 'left',
  '\x03': 'interrupt',
  '\x04': 'end-of-input',
  '\x05': 'end',
  '\x06': 'right',
  '\x08': 'backspace',
  '\t': 'tab',
  '\x0b': 'kill-to-end',
  '\x0c': 'clear-screen',
  '\x0e': 'down',
  '\x10': 'up',
  '\x15': 'kill-to-start',
  '\x17': 'kill-word-back',
  '\x19': 'yank',
  '\x7f': 'backspace',
};

/** Escape sequences of xterm.js (normal and application cursor mode) and Meta (Alt) keys. */
const ESCAPE_SEQUENCES: Readonly<Record<string, KeyName>> = {
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1b[C': 'right',
  '\x1b[D': 'left',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1bOC': 'right',
  '\x1bOD': 'left',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[1~': 'home',
  '\x1b[7~': 'home',
  '\x1b[4~': 'end',
  '\x1b[8~': 'end',
  '\x1b[3~': 'delete',
  '\x1b[1;5C': 'word-right',
  '\x1b[1;5D': 'word-left',
  '\x1b[1;3C': 'word-right',
  '\x1b[1;3D': 'word-left',
  '\x1bb': 'word-left',
  '\x1bf': 'word-right',
  '\x1b\x7f': 'kill-word-back',
  '\x1b\b': 'kill-word-back',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export class KeyDecoder {
  /** The start of an escape sequence that the next message completes. */
  #held = '';
  #pasting = false;

  decode(data: string): Key[] {
    const input = this.#held + data;
    this.#held = '';
    const keys: Key[] = [];
    // Text is taken as slices of the input, never a character at a time: a pasted megabyte costs
    // one pass, not a growing string per character.
    let text = '';
    let textStart = 0;
    const takeText = (end: number) => {
      if (end > textStart) text += input.slice(textStart, end);
    };
    const flushText = () => {
      if (text) keys.push({ kind: 'text', text });
      text = '';
    };

    let i = 0;
    while (i < input.length) {
      const c = input[i];
      if (c >= ' ' && c !== '\x7f') {
        i += 1;
        continue;
      }
      if (c === '\t' && this.#pasting) {
        i += 1;
        continue;
      }
      takeText(i);
      if (c === '\x1b') {
        const length = escapeLength(input, i);
        if (length === 0) {
          this.#held = input.slice(i);
          textStart = input.length;
          i = input.length;
          break;
        }
        const sequence = input.slice(i, i + length);
        i += length;
        if (sequence === PASTE_START || sequence === PASTE_END) {
          this.#pasting = sequence === PASTE_START;
        } else {
          const name = ESCAPE_SEQUENCES[sequence];
          if (name) {
            flushText();
            keys.push({ kind: 'control', name });
          }
        }
      } else if (c === '\r' || c === '\n') {
        flushText();
        keys.push({ kind: 'enter' });
        i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      } else {
        const name = CONTROL_CHARACTERS[c];
        if (name) {
          flushText();
          keys.push({ kind: 'control', name });
        }
        i += 1;
      }
      textStart = i;
    }
    takeText(i);
    flushText();
    return keys;
  }
}

/** The length of the escape sequence at `start`, or 0 when the input stops before it is complete. */
function escapeLength(input: string, start: number): number {
  const next = input[start + 1];
  if (next === undefined) return 0;
  if (next === 'O') return start + 2 < input.length ? 3 : 0;
  if (next !== '[') return 2;
  let i = start + 2;
  while (i < input.length && input.charCodeAt(i) >= 0x20 && input.charCodeAt(i) <= 0x3f) i++;
  if (i >= input.length) return 0;
  return i - start + 1;
}
