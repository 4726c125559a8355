/**
 * Standard input as the shell's own streams give it: a line, and whether it ended with a line end
 * (the last line of `echo -n x` does not). `wc -c`, `cat` and `head` need that to count and copy
 * exactly; any other `InputStream` counts as every line ending with one.
 */
import type { InputStream } from '../command.ts';

export interface ReadLine {
  line: string;
  /** False for a last line without a line end. */
  ended: boolean;
}

export interface LineInput extends InputStream {
  readLineWithEnd(): Promise<ReadLine | null>;
}

export function readLineWithEnd(input: InputStream): Promise<ReadLine | null> {
  if ('readLineWithEnd' in input && typeof input.readLineWithEnd === 'function') return (input as LineInput).readLineWithEnd();
  return input.readLine().then((line) => (line === null ? null : { line, ended: true }));
}

/** No input at all (`</dev/null`). */
export const emptyInput: LineInput = {
  isTerminal: false,
  readLine: async () => null,
  readLineWithEnd: async () => null,
};

/** `input` that gives the end of input once `signal` is aborted (Ctrl-C), even while a read waits. */
export function interruptible(input: InputStream, signal: AbortSignal): LineInput {
  const whenAborted = new Promise<null>((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener('abort', () => resolve(null), { once: true });
  });
  return {
    isTerminal: input.isTerminal,
    readLine: () => (signal.aborted ? Promise.resolve(null) : Promise.race([input.readLine(), whenAborted])),
    readLineWithEnd: () => (signal.aborted ? Promise.resolve(null) : Promise.race([readLineWithEnd(input), whenAborted])),
  };
}

/** Every line of `input` until its end. */
export async function* linesOf(input: InputStream): AsyncGenerator<ReadLine> {
  for (;;) {
    const line = await readLineWithEnd(input);
    if (line === null) return;
    yield line;
  }
}
