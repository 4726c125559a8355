import { describe, expect, it } from 'vitest';
import { Pipe } from './pipe.ts';

describe('Pipe', () => {
  it('hands lines written in any chunks to the reader, then the last line without its end, then null', async () => {
    const pipe = new Pipe();
    await pipe.writer.write('one\ntw');
    await pipe.writer.write('o\nthree');
    pipe.end();
    expect(await pipe.reader.readLineWithEnd()).toEqual({ line: 'one', ended: true });
    expect(await pipe.reader.readLine()).toBe('two');
    expect(await pipe.reader.readLineWithEnd()).toEqual({ line: 'three', ended: false });
    expect(await pipe.reader.readLine()).toBeNull();
    expect(pipe.reader.isTerminal).toBe(false);
  });

  it('makes a writer that is a buffer ahead wait until the reader takes lines', async () => {
    const pipe = new Pipe(10);
    let written = false;
    await pipe.writer.write('12345\n');
    const write = pipe.writer.write('67890\n').then(() => (written = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(written).toBe(false);
    expect(await pipe.reader.readLine()).toBe('12345');
    await write;
    expect(written).toBe(true);
  });

  it('lets a writer go on when the reader waits for the end of a line longer than the buffer', async () => {
    const pipe = new Pipe(4);
    const line = pipe.reader.readLine();
    await pipe.writer.write('abcdef');
    await pipe.writer.write('ghij\n');
    expect(await line).toBe('abcdefghij');
  });

  it('once the reader is gone: a waiting write resolves, later writes resolve at once, closed is true', async () => {
    const pipe = new Pipe(4);
    const waiting = pipe.writer.write('a long line\n');
    expect(pipe.writer.closed).toBe(false);
    pipe.close();
    await waiting;
    expect(pipe.writer.closed).toBe(true);
    await pipe.writer.write('more\n');
    expect(await pipe.reader.readLine()).toBeNull();
  });

  it('wakes a waiting reader at the end of input', async () => {
    const pipe = new Pipe();
    const line = pipe.reader.readLine();
    pipe.end();
    expect(await line).toBeNull();
  });
});
