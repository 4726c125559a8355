import { describe, expect, it } from 'vitest';
import { LineEditor } from './line-editor.ts';
import { VirtualScreen } from './testing/virtual-screen.ts';

function editorOn(columns: number, prompt = '$ ') {
  const screen = new VirtualScreen(columns, 10);
  const editor = new LineEditor({ columns, write: (text) => screen.write(text) });
  editor.start(prompt);
  /** The screen row the cursor is on, with a `|` where the cursor is. */
  const atCursor = () => {
    const { row, column } = screen.cursor;
    const line = screen.visible()[row].padEnd(column);
    return line.slice(0, column) + '|' + line.slice(column);
  };
  return { screen, editor, atCursor };
}

describe('LineEditor', () => {
  it('draws the prompt and inserts at the cursor', () => {
    const { editor, screen, atCursor } = editorOn(40);
    editor.insert('helo');
    editor.left();
    editor.insert('l');
    expect(editor.text).toBe('hello');
    expect(atCursor()).toBe('$ hell|o');
    editor.end();
    editor.insert(' world');
    expect(screen.visible()[0]).toBe('$ hello world');
  });

  it('deletes backwards and forwards, and moves home and end', () => {
    const { editor, atCursor } = editorOn(40);
    editor.insert('abcdef');
    editor.backspace();
    expect(atCursor()).toBe('$ abcde|');
    editor.home();
    editor.deleteForward();
    expect(atCursor()).toBe('$ |bcde');
    expect(editor.backspace()).toBe(false);
    editor.end();
    expect(editor.deleteForward()).toBe(false);
    expect(atCursor()).toBe('$ bcde|');
  });

  it('kills to the start, to the end and the word before, and yanks back', () => {
    const { editor, atCursor } = editorOn(60);
    editor.insert('kafka-topics --list --bootstrap-server x');
    editor.killWordBack();
    expect(atCursor()).toBe('$ kafka-topics --list --bootstrap-server |');
    editor.killWordBack();
    expect(atCursor()).toBe('$ kafka-topics --list |');
    editor.yank();
    expect(atCursor()).toBe('$ kafka-topics --list --bootstrap-server |');
    editor.wordLeft();
    editor.wordLeft();
    expect(atCursor()).toBe('$ kafka-topics --list --|bootstrap-server');
    editor.killToEnd();
    expect(atCursor()).toBe('$ kafka-topics --list --|');
    editor.wordLeft();
    editor.killToStart();
    expect(atCursor()).toBe('$ |list --');
    editor.wordRight();
    expect(atCursor()).toBe('$ list| --');
  });

  it('wraps a long line and redraws every row when editing its start', () => {
    const { editor, screen, atCursor } = editorOn(20);
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
    editor.insert(text);
    expect(screen.visible().slice(0, 2)).toEqual(['$ abcdefghijklmnopqr', 'stuvwxyz0123456789']);
    editor.home();
    expect(screen.cursor).toEqual({ row: 0, column: 2 });
    editor.insert('>>');
    expect(screen.visible().slice(0, 3)).toEqual(['$ >>abcdefghijklmnop', 'qrstuvwxyz0123456789', '']);
    expect(screen.cursor).toEqual({ row: 0, column: 4 });
    editor.end();
    expect(screen.cursor).toEqual({ row: 2, column: 0 });
    editor.home();
    editor.deleteForward();
    editor.deleteForward();
    expect(screen.visible().slice(0, 3)).toEqual(['$ abcdefghijklmnopqr', 'stuvwxyz0123456789', '']);
    editor.end();
    expect(atCursor()).toBe('stuvwxyz0123456789|');
  });

  it('puts the cursor on the next row when the line ends exactly at the right edge', () => {
    const { editor, screen } = editorOn(10);
    editor.insert('12345678');
    expect(screen.cursor).toEqual({ row: 1, column: 0 });
    editor.backspace();
    expect(screen.cursor).toEqual({ row: 0, column: 9 });
    editor.insert('8');
    editor.insert('9');
    expect(screen.visible().slice(0, 2)).toEqual(['$ 12345678', '9']);
    expect(screen.cursor).toEqual({ row: 1, column: 1 });
  });

  it('redraws correctly after the screen got narrower or wider (xterm.js re-wraps the line)', () => {
    const { editor, screen, atCursor } = editorOn(30);
    editor.insert('kafka-topics --bootstrap-server localhost:19092 --list');
    editor.wordLeft();
    for (const columns of [12, 45, 17, 80]) {
      screen.resize(columns);
      editor.resize(columns);
      expect(screen.cursorLine()).toBe('$ kafka-topics --bootstrap-server localhost:19092 --list');
      editor.insert('X');
      expect(screen.cursorLine()).toBe('$ kafka-topics --bootstrap-server localhost:19092 --Xlist');
      editor.backspace();
    }
    expect(atCursor()).toBe('$ kafka-topics --bootstrap-server localhost:19092 --|list');
  });

  it('edits characters, not bytes: accents, wide characters, emoji', () => {
    const { editor, screen } = editorOn(40);
    editor.insert('héllo 日本語 🎉');
    expect(screen.visible()[0]).toBe('$ héllo 日本語 🎉');
    editor.backspace();
    editor.backspace();
    expect(editor.text).toBe('héllo 日本語');
    editor.left();
    editor.backspace();
    expect(editor.text).toBe('héllo 日語');
    expect(screen.cursor).toEqual({ row: 0, column: '$ héllo 日'.length + 1 });
    editor.home();
    editor.right();
    editor.deleteForward();
    expect(editor.text).toBe('hllo 日語');
  });

  it('counts a decomposed accent as one character with its letter', () => {
    const { editor } = editorOn(40);
    editor.insert('cafe\u0301!');
    editor.backspace();
    editor.backspace();
    expect(editor.text).toBe('caf');
  });

  it('joins a combining mark typed on its own to the character before, drawn once', () => {
    const { editor, screen } = editorOn(40);
    editor.insert('cafe');
    editor.insert('\u0301');
    expect(screen.visible()[0]).toBe('$ cafe\u0301');
    expect(screen.cursor).toEqual({ row: 0, column: '$ cafe'.length });
    editor.insert('!');
    editor.backspace();
    editor.backspace();
    expect(editor.text).toBe('caf');
  });

  it('draws text added at the end in pieces as it would draw it at once, across rows and wide characters', () => {
    const pieces = ['kafka', '-topics 日本', '語', ' --list', ' 🎉🎉', 'x', 'yz0123456789', '日'];
    const { editor, screen } = editorOn(10);
    for (const piece of pieces) editor.insert(piece);
    const whole = editorOn(10);
    whole.editor.insert(pieces.join(''));
    expect(screen.visible()).toEqual(whole.screen.visible());
    expect(screen.cursor).toEqual(whole.screen.cursor);
    editor.home();
    editor.end();
    expect(screen.cursor).toEqual(whole.screen.cursor);
  });

  it('takes at most maxLength characters and says when some did not fit', () => {
    const screen = new VirtualScreen(20, 5);
    const editor = new LineEditor({ columns: 20, write: (text) => screen.write(text), maxLength: 6 });
    editor.start('$ ');
    expect(editor.insert('abcd')).toBe(true);
    expect(editor.insert('efgh')).toBe(false);
    expect(editor.text).toBe('abcdef');
    editor.home();
    expect(editor.insert('x')).toBe(false);
    editor.backspace();
    editor.end();
    editor.backspace();
    expect(editor.insert('XY')).toBe(false);
    expect(editor.text).toBe('abcdeX');
    expect(screen.visible()[0]).toBe('$ abcdeX');
  });

  it('wraps a wide character that does not fit in the last column to the next row', () => {
    const { editor, screen } = editorOn(10);
    editor.insert('1234567日本');
    expect(screen.visible().slice(0, 2)).toEqual(['$ 1234567', '日本']);
    editor.home();
    editor.end();
    expect(screen.cursor).toEqual({ row: 1, column: 4 });
  });

  it('shows control characters as ^X', () => {
    const { editor, screen } = editorOn(40);
    editor.insert('a\tb');
    expect(screen.visible()[0]).toBe('$ a^Ib');
    expect(editor.text).toBe('a\tb');
  });

  it('leaves the line with the cursor after its end', () => {
    const { editor, screen } = editorOn(10);
    editor.insert('abcdefghijkl');
    editor.home();
    expect(editor.leave('^C\r\n')).toBe('abcdefghijkl');
    expect(screen.visible().slice(0, 3)).toEqual(['$ abcdefgh', 'ijkl^C', '']);
    expect(screen.cursor).toEqual({ row: 2, column: 0 });
  });

  it('starts with given text and cursor, and replaces the whole line', () => {
    const { editor, screen, atCursor } = editorOn(20);
    editor.start('> ', 'abc', 1);
    expect(atCursor()).toBe('> a|bc');
    editor.replace('a much longer line than the screen');
    expect(screen.cursorLine()).toBe('> a much longer line than the screen');
    editor.replace('short');
    expect(screen.visible().slice(0, 2)).toEqual(['> short', '']);
  });
});
