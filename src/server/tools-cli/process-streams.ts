/**
 * A command's streams over this process's stdio, for the tools on the learner's own machine: standard
 * input line by line, and output that waits when the pipe or terminal is full (a consumer piped into
 * `less` is held back rather than buffered). A reader that went away (`| head -1`, EPIPE) marks the
 * stream closed, as a JVM's `PrintStream.checkError()` would see it.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { InputStream, OutputStream } from '../../terminal/command.ts';

/** Standard input as lines; `null` at its end or once `signal` aborts (Ctrl-C). */
export function processInput(stdin: Readable & { isTTY?: boolean }, signal: AbortSignal): InputStream & { close(): void } {
  let lines: Interface | null = null;
  const queued: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  let ended = false;
  const finish = () => {
    ended = true;
    for (const wake of waiting.splice(0)) wake(null);
  };
  signal.addEventListener('abort', finish, { once: true });
  // Read only once a command asks: an unread stdin must not keep the process alive.
  const start = () => {
    if (lines) return;
    // A terminal in cooked mode echoes and edits the line itself: plain line mode, no readline editor.
    lines = createInterface({ input: stdin, terminal: false, crlfDelay: Infinity });
    lines.on('line', (line) => {
      const wake = waiting.shift();
      if (wake) wake(line);
      else queued.push(line);
    });
    lines.on('close', finish);
  };
  return {
    isTerminal: stdin.isTTY === true,
    readLine() {
      if (queued.length > 0) return Promise.resolve(queued.shift()!);
      if (ended || signal.aborted) return Promise.resolve(null);
      start();
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      lines?.close();
      stdin.pause();
      finish();
    },
  };
}

/** Writes that resolve when `stream` can take more; a closed reader makes them no-ops. */
export function processOutput(stream: Writable): OutputStream {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
  });
  return {
    get closed() {
      return closed || stream.destroyed;
    },
    write(text: string): Promise<void> {
      if (closed || stream.destroyed) return Promise.resolve();
      if (stream.write(text)) return Promise.resolve();
      return new Promise((resolve) => {
        const settle = () => {
          stream.off('drain', settle);
          stream.off('close', settle);
          stream.off('error', settle);
          resolve();
        };
        stream.on('drain', settle);
        stream.on('close', settle);
        stream.on('error', settle);
      });
    },
  };
}
