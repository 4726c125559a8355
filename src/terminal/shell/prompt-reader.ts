/**
 * Reading a command line at the prompt, key by key: editing (the key map below), history (Up/Down),
 * tab completion, Ctrl-L, and bash's continuation prompt for a line that is not complete yet (an
 * open quote, a trailing `|`). Gives back a finished line, Ctrl-C or Ctrl-D.
 */
import type { CommandHistory, HistoryBrowser } from './command-history.ts';
import type { CommandRegistry } from './command-registry.ts';
import { commonPrefix, completionsFor, listInColumns } from './completion.ts';
import type { Key, KeyName } from './key-decoder.ts';
import type { LineEditor } from './line-editor.ts';
import { LINE_TOO_LONG_NOTICE } from './line-length.ts';
import { parseLine } from './parse-line.ts';
import type { ParsedLine } from './parse-line.ts';
import { SHELL_NAME } from './run-line.ts';
import { graphemes } from './text-width.ts';

export type PromptResult =
  /** A complete line (several typed lines joined by `\n` after continuation prompts). */
  | { kind: 'line'; text: string; parsed: Exclude<ParsedLine, { kind: 'incomplete' }> }
  /** Ctrl-C: the line is dropped. */
  | { kind: 'interrupted' }
  /** Ctrl-D on an empty line: the shell ends. */
  | { kind: 'end-of-input' }
  /** Ctrl-D on an empty continuation line: bash's messages for the unfinished command. */
  | { kind: 'unexpected-end'; messages: string[] };

export interface PromptReaderOptions {
  editor: LineEditor;
  history: CommandHistory;
  commands: CommandRegistry;
  /** Text for the screen outside the editor (bell, completion lists, clear). */
  write(text: string): void;
  prompt: string;
  continuationPrompt: string;
}

/** Keys that only edit the line. */
const EDITING_KEYS: Partial<Record<KeyName, (editor: LineEditor) => unknown>> = {
  backspace: (editor) => editor.backspace(),
  delete: (editor) => editor.deleteForward(),
  left: (editor) => editor.left(),
  right: (editor) => editor.right(),
  home: (editor) => editor.home(),
  end: (editor) => editor.end(),
  'word-left': (editor) => editor.wordLeft(),
  'word-right': (editor) => editor.wordRight(),
  'kill-to-start': (editor) => editor.killToStart(),
  'kill-to-end': (editor) => editor.killToEnd(),
  'kill-word-back': (editor) => editor.killWordBack(),
  yank: (editor) => editor.yank(),
};

const BELL = '\x07';

export class PromptReader {
  readonly #options: PromptReaderOptions;
  /** The lines typed so far of a command that continues (after an open quote or a trailing `|`). */
  #pending: string | null = null;
  #browser: HistoryBrowser;
  /** Tabs in a row: the second lists the matches. */
  #tabs = 0;
  /** Whether this line already said it is too long (a long paste arrives in many chunks). */
  #toldTooLong = false;

  constructor(options: PromptReaderOptions) {
    this.#options = options;
    this.#browser = options.history.browse();
  }

  /** Shows the prompt for a new command line, with `text` already typed; the cursor is at `column` of its row. */
  start(text = '', column = 0): void {
    this.#pending = null;
    this.#browser = this.#options.history.browse();
    this.#tabs = 0;
    this.#toldTooLong = false;
    this.#options.editor.start(this.#options.prompt, text, undefined, column);
  }

  key(key: Key): PromptResult | undefined {
    const editor = this.#options.editor;
    this.#tabs = key.kind === 'control' && key.name === 'tab' ? this.#tabs + 1 : 0;
    if (key.kind === 'text') {
      if (!editor.insert(key.text)) this.#tooLong();
      return undefined;
    }
    if (key.kind === 'enter') return this.#enter();
    const edit = EDITING_KEYS[key.name];
    if (edit) {
      edit(editor);
      return undefined;
    }
    switch (key.name) {
      case 'tab':
        this.#complete();
        return undefined;
      case 'up':
      case 'down': {
        const line = key.name === 'up' ? this.#browser.previous(editor.text) : this.#browser.next(editor.text);
        if (line === undefined) this.#options.write(BELL);
        else editor.replace(line);
        return undefined;
      }
      case 'clear-screen':
        this.#options.write('\x1b[H\x1b[2J');
        editor.redrawFresh();
        return undefined;
      case 'interrupt':
        editor.leave('^C\r\n');
        this.#pending = null;
        return { kind: 'interrupted' };
      case 'end-of-input':
        if (editor.text !== '') {
          editor.deleteForward();
          return undefined;
        }
        return this.#endOfInput();
      default:
        return undefined;
    }
  }

  #enter(): PromptResult | undefined {
    this.#toldTooLong = false;
    const typed = this.#options.editor.leave('\r\n');
    const text = this.#pending === null ? typed : `${this.#pending}\n${typed}`;
    const parsed = parseLine(text);
    if (parsed.kind === 'incomplete') {
      this.#pending = text;
      this.#options.editor.start(this.#options.continuationPrompt);
      return undefined;
    }
    this.#pending = null;
    this.#options.history.add(text);
    return { kind: 'line', text, parsed };
  }

  #endOfInput(): PromptResult {
    if (this.#pending === null) return { kind: 'end-of-input' }; // bash writes `exit` right after the prompt
    const parsed = parseLine(this.#pending);
    this.#options.editor.leave('\r\n');
    this.#options.history.add(this.#pending);
    this.#pending = null;
    const open = parsed.kind === 'incomplete' ? parsed.open : null;
    const closing = open === "'" || open === '"' ? open : open === '${' ? '}' : null;
    return {
      kind: 'unexpected-end',
      messages: [...(closing ? [`unexpected EOF while looking for matching \`${closing}'`] : []), 'syntax error: unexpected end of file'],
    };
  }

  #complete(): void {
    const editor = this.#options.editor;
    const { word, matches } = completionsFor(editor.textBeforeCursor, this.#options.commands);
    if (matches.length === 0) {
      this.#options.write(BELL);
    } else if (matches.length === 1) {
      editor.insert(matches[0].slice(word.length) + (matches[0].endsWith('=') ? '' : ' '));
    } else {
      const prefix = commonPrefix(matches);
      if (prefix.length > word.length) editor.insert(prefix.slice(word.length));
      else if (this.#tabs >= 2) this.#list(matches);
      else this.#options.write(BELL);
    }
  }

  /** Lists the matches below the line, then draws the prompt and the line again, as bash does. */
  #list(matches: string[]): void {
    this.#showBelow(listInColumns(matches, this.#options.editor.columns).map((line) => `${line}\r\n`).join(''));
  }

  /** Text did not fit in the line: the bell, and once per line a notice below it (what was typed stays). */
  #tooLong(): void {
    if (this.#toldTooLong) return;
    this.#toldTooLong = true;
    this.#showBelow(`${BELL}${SHELL_NAME}: ${LINE_TOO_LONG_NOTICE}\r\n`);
  }

  /** Shows `text` below the line, then the prompt and the line again with the cursor where it was. */
  #showBelow(text: string): void {
    const editor = this.#options.editor;
    const cursor = editor.textBeforeCursor.length;
    const line = editor.leave('\r\n');
    this.#options.write(text);
    editor.start(this.#pending === null ? this.#options.prompt : this.#options.continuationPrompt, line, graphemes(line.slice(0, cursor)).length);
  }
}
