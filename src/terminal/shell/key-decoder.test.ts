import { describe, expect, it } from 'vitest';
import { KeyDecoder } from './key-decoder.ts';
import type { Key } from './key-decoder.ts';

const show = (keys: Key[]) => keys.map((key) => (key.kind === 'text' ? key.text : key.kind === 'enter' ? '<enter>' : `<${key.name}>`));

describe('KeyDecoder', () => {
  it('keeps a run of text as one key and ends it at Enter', () => {
    expect(show(new KeyDecoder().decode('echo hi\rnext'))).toEqual(['echo hi', '<enter>', 'next']);
  });

  it('reads \\r, \\n and \\r\\n each as one Enter', () => {
    expect(show(new KeyDecoder().decode('a\r\nb\nc\r'))).toEqual(['a', '<enter>', 'b', '<enter>', 'c', '<enter>']);
  });

  it('names the control characters of the emacs key map', () => {
    expect(show(new KeyDecoder().decode('\x01\x05\x03\x04\x7f\b\x0b\x15\x17\x0c\t\x10\x0e\x19'))).toEqual([
      '<home>', '<end>', '<interrupt>', '<end-of-input>', '<backspace>', '<backspace>', '<kill-to-end>', '<kill-to-start>',
      '<kill-word-back>', '<clear-screen>', '<tab>', '<up>', '<down>', '<yank>',
    ]);
  });

  it('reads cursor keys in normal and application mode, Home/End/Delete and word moves', () => {
    expect(show(new KeyDecoder().decode('\x1b[A\x1b[B\x1b[C\x1b[D\x1bOA\x1bOD\x1b[H\x1b[F\x1bOH\x1bOF\x1b[3~\x1b[1;5D\x1bf'))).toEqual([
      '<up>', '<down>', '<right>', '<left>', '<up>', '<left>', '<home>', '<end>', '<home>', '<end>', '<delete>', '<word-left>', '<word-right>',
    ]);
  });

  it('drops unknown escape sequences and control characters', () => {
    expect(show(new KeyDecoder().decode('a\x1b[15~b\x1b[?1;2cc\x00\x1a'))).toEqual(['abc']);
  });

  it('completes an escape sequence cut between two messages', () => {
    const decoder = new KeyDecoder();
    expect(show(decoder.decode('ab\x1b['))).toEqual(['ab']);
    expect(show(decoder.decode('Dc'))).toEqual(['<left>', 'c']);
    expect(show(decoder.decode('\x1b'))).toEqual([]);
    expect(show(decoder.decode('b'))).toEqual(['<word-left>']);
  });

  it('removes bracketed-paste markers, and keeps a pasted Tab as text', () => {
    const decoder = new KeyDecoder();
    expect(show(decoder.decode('\x1b[200~a\tb\rc\x1b[20'))).toEqual(['a\tb', '<enter>', 'c']);
    expect(show(decoder.decode('1~\t'))).toEqual(['<tab>']);
  });

  it('passes characters beyond ASCII through', () => {
    expect(show(new KeyDecoder().decode('héllo 日本 🎉'))).toEqual(['héllo 日本 🎉']);
  });
});
