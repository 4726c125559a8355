/**
 * The part of OpenBSD netcat's command line the lab's `nc` takes (getopt: `-vz`, `-q 1`, `-q1`), then
 * `destination port`. Anything else is refused with netcat's getopt message and a usage line.
 */

export interface NcOptions {
  host: string;
  port: number;
  /** `-v`: say whether the connection succeeded. */
  verbose: boolean;
  /** `-z`: only check that something listens (connect, then close). */
  scan: boolean;
  /** `-q`: seconds to wait after the end of standard input before quitting; undefined waits for the peer. */
  quitAfterEofSeconds: number | undefined;
  /** `-w`: seconds a connection may take to open or stay idle. */
  timeoutSeconds: number | undefined;
}

export const ncUsage = 'usage: nc [-vz] [-q seconds] [-w timeout] destination port\n';

export class NcUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NcUsageError';
  }
}

const FLAGS = new Set(['v', 'z']);
const WITH_VALUE = new Set(['q', 'w']);

export function parseNcOptions(args: readonly string[]): NcOptions {
  const options: Omit<NcOptions, 'host' | 'port'> = { verbose: false, scan: false, quitAfterEofSeconds: undefined, timeoutSeconds: undefined };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j];
      if (FLAGS.has(letter)) {
        if (letter === 'v') options.verbose = true;
        else options.scan = true;
      } else if (WITH_VALUE.has(letter)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) throw new NcUsageError(`nc: option requires an argument -- '${letter}'\n${ncUsage}`);
        const seconds = Number(value);
        if (!/^-?\d+$/.test(value)) throw new NcUsageError(`nc: ${letter === 'q' ? 'quit' : 'timeout'} value is invalid: ${value}\n`);
        if (letter === 'q') options.quitAfterEofSeconds = seconds < 0 ? undefined : seconds;
        else options.timeoutSeconds = seconds;
        break;
      } else {
        throw new NcUsageError(`nc: invalid option -- '${letter}'\n${ncUsage}`);
      }
    }
  }
  if (operands.length !== 2) throw new NcUsageError(ncUsage);
  const [host, portText] = operands;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new NcUsageError(`nc: port number invalid: ${portText}\n`);
  return { ...options, host, port };
}
