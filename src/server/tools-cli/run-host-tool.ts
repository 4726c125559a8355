/**
 * Runs one of the lab's Kafka tools in this process with its stdio, on the learner's own machine: any
 * address is reachable (it is their machine and their network), files named on the command line are
 * read (`--command-config`), and cluster controls only when given (`kafkalab` over a course server's API). Ctrl-C interrupts the tool, which prints
 * what the real one prints (a consumer's "Processed a total of N messages"); a second Ctrl-C exits at
 * once with 130.
 */
import { readFile } from 'node:fs/promises';
import { installNodeZlibCodecs } from '../node/node-zlib-codecs.ts';
import { TcpTransport } from '../../cluster/transport/tcp-transport.ts';
import type { Command, CommandContext } from '../../terminal/command.ts';
import type { ShellCluster } from '../../terminal/tool-environment.ts';
import { hostToolEnvironment } from '../terminal/host-tool-environment.ts';
import { processInput, processOutput } from './process-streams.ts';

// gzip and zstd through node:zlib (same wire format, native speed).
installNodeZlibCodecs();

/** Runs `command` as `name args...` (the name as typed: `kafka-topics.sh` prints as such) and resolves to its exit status. */
export async function runHostTool(command: Command, name: string, args: readonly string[], options: { cluster?: ShellCluster } = {}): Promise<number> {
  const interrupt = new AbortController();
  const onInterrupt = () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
  };
  process.on('SIGINT', onInterrupt);
  const stdin = processInput(process.stdin, interrupt.signal);
  const context: CommandContext = {
    argv: [name, ...args],
    stdin,
    stdout: processOutput(process.stdout),
    stderr: processOutput(process.stderr),
    signal: interrupt.signal,
    env: hostToolEnvironment({ transport: new TcpTransport(), readFile: (path) => readFile(path, 'utf8'), cluster: options.cluster }),
    columns: process.stdout.columns ?? 80,
    touchedTopic: () => {},
  };
  try {
    return await command.run(context);
  } finally {
    stdin.close();
    process.off('SIGINT', onInterrupt);
  }
}
