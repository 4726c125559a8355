import { describe, expect, it } from 'vitest';
import { ScreenOutput } from './screen-output.ts';

describe('ScreenOutput', () => {
  it('writes at once while someone listens, and turns \\n into \\r\\n for command output', async () => {
    const screen = new ScreenOutput();
    const seen: string[] = [];
    screen.onData((data) => seen.push(data));
    await screen.writeText('a\nb\r\nc');
    expect(seen).toEqual(['a\r\nb\r\nc']);
  });

  it('holds writes while paused, in order, and resolves each once written', async () => {
    const screen = new ScreenOutput();
    const seen: string[] = [];
    screen.onData((data) => seen.push(data));
    screen.pause();
    const done: string[] = [];
    const first = screen.write('1').then(() => done.push('1'));
    const second = screen.write('2').then(() => done.push('2'));
    await Promise.resolve();
    expect(seen).toEqual([]);
    expect(done).toEqual([]);
    expect(screen.waiting).toBe(2);
    screen.resume();
    await Promise.all([first, second]);
    expect(seen).toEqual(['1', '2']);
    expect(done).toEqual(['1', '2']);
  });

  it('holds output until the first listener comes (nothing is lost before the page attaches)', async () => {
    const screen = new ScreenOutput();
    const written = screen.write('banner');
    const seen: string[] = [];
    screen.onData((data) => seen.push(data));
    await written;
    expect(seen).toEqual(['banner']);
  });

  it('stops at once when a listener pauses in the middle of a flush', async () => {
    const screen = new ScreenOutput();
    screen.pause();
    const writes = [screen.write('a'), screen.write('b'), screen.write('c')];
    const seen: string[] = [];
    screen.onData((data) => {
      seen.push(data);
      if (data === 'a') screen.pause();
    });
    screen.resume();
    expect(seen).toEqual(['a']);
    screen.resume();
    await Promise.all(writes);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('knows the cursor column after what was written, also while paused', () => {
    const screen = new ScreenOutput(20);
    screen.onData(() => {});
    void screen.write('done\r\n>');
    expect(screen.column).toBe(1);
    screen.pause();
    void screen.writeText('abc\nde');
    expect(screen.column).toBe(2);
    void screen.write('\x1b[6n');
    expect(screen.column).toBeUndefined();
    screen.columns = 4;
    void screen.write('\r\nabcd');
    expect(screen.column).toBeUndefined();
  });

  it('starts a prompt on a fresh row only when the output before did not end a line', () => {
    const screen = new ScreenOutput();
    let seen = '';
    screen.onData((data) => (seen += data));
    void screen.write('done\r\n');
    void screen.writeOnFreshRow('$ ');
    void screen.write('x');
    void screen.writeOnFreshRow('$ ');
    void screen.write('\x1b[H\x1b[2J\x1b[3J');
    void screen.writeOnFreshRow('$ ');
    expect(seen).toBe('done\r\n$ x\r\n$ \x1b[H\x1b[2J\x1b[3J$ ');
  });
});
