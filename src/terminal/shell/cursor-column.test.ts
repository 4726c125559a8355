import { describe, expect, it } from 'vitest';
import { columnAfter } from './cursor-column.ts';

describe('columnAfter', () => {
  it('counts the cells after the last line end or carriage return', () => {
    expect(columnAfter(0, 'one\r\ntwo', 80)).toBe(3);
    expect(columnAfter(7, '>', 80)).toBe(8);
    expect(columnAfter(5, 'progress 10%\rdone', 80)).toBe(4);
    expect(columnAfter(3, 'line\n', 80)).toBe(0);
  });

  it('counts wide characters as two cells and combining marks as none', () => {
    expect(columnAfter(0, '日本', 80)).toBe(4);
    expect(columnAfter(0, 'cafe\u0301', 80)).toBe(4);
  });

  it('follows colours, Backspace, Tab, the bell and the cursor moves the shell writes', () => {
    expect(columnAfter(0, '\x1b[1;32mkafkalab\x1b[0m:~$ ', 80)).toBe(12);
    expect(columnAfter(0, 'abc\b \b', 80)).toBe(2);
    expect(columnAfter(0, 'a\tb', 80)).toBe(9);
    expect(columnAfter(0, 'x\x07', 80)).toBe(1);
    expect(columnAfter(10, '\x1b[3D\x1b[K\x1b[2C\x1b[1A', 80)).toBe(9);
    expect(columnAfter(10, '\x1b[5G', 80)).toBe(4);
    expect(columnAfter(undefined, '\x1b[H\x1b[2J\x1b[3J', 80)).toBe(0);
  });

  it('does not know the column after an escape it does not follow, until the next line end', () => {
    expect(columnAfter(0, 'ab\x1b[6n', 80)).toBeUndefined();
    expect(columnAfter(0, 'ab\x1b7', 80)).toBeUndefined();
    expect(columnAfter(undefined, 'more', 80)).toBeUndefined();
    expect(columnAfter(undefined, 'more\r\nx', 80)).toBe(1);
  });

  it('does not know the column once a row reached the edge (the terminal wrapped it, or waits to)', () => {
    expect(columnAfter(0, '0123456789', 10)).toBeUndefined();
    expect(columnAfter(8, '日', 10)).toBeUndefined();
    expect(columnAfter(0, '012345678', 10)).toBe(9);
  });
});
