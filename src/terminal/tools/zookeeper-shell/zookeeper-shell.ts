/**
 * `zookeeper-shell` (and `zookeeper-shell.sh`): Kafka 3.9's wrapper of ZooKeeper 3.8.4's shell, over our
 * ZooKeeper client. `zookeeper-shell localhost:12181` is interactive: no prompt (Kafka ships no JLine 2, so
 * the real one has none), one command per line until `quit` or Ctrl-D. With a command after the address
 * it runs that one command. Output, messages and exit statuses are the real tool's (KAFKA_CLI.md §7).
 */
import type { Command, CommandContext } from '../../command.ts';
import { unlessInterrupted } from '../interruption.ts';
import { UncaughtJavaException, parseJavaInt } from './cli-error.ts';
import { exitLog } from './client-log.ts';
import { parseInvocation } from './command-words.ts';
import { zooKeeperCommandOptions } from './usage.ts';
import { ZooKeeperMain } from './zookeeper-main.ts';

const TLS_OPTION = '-zk-tls-config-file';

export const zookeeperShell: Command = {
  name: 'zookeeper-shell',
  aliases: ['zookeeper-shell.sh'],
  summary: "ZooKeeper's shell as Kafka ships it: zookeeper-shell localhost:12181 [ls /brokers/ids]",
  completions: ['-timeout', TLS_OPTION, ...zooKeeperCommandOptions.keys()],
  async run(context) {
    const args = context.argv.slice(1);
    if (args.length < 1) {
      // The script's own check; `$0` is where the shell found it.
      await context.stdout.write(`USAGE: /usr/bin/${context.argv[0]} zookeeper_host:port[/path] [${TLS_OPTION} file] [args...]\n`);
      return 1;
    }
    const tls = args.indexOf(TLS_OPTION);
    if (tls === args.length - 1) return crash(context, `java.lang.IllegalArgumentException: Error: no filename provided with option ${TLS_OPTION}`);
    if (tls >= 0) {
      await context.stderr.write(`kafkalab: ${TLS_OPTION} is not available here: the lab's ZooKeeper speaks plain TCP, and this shell reads no files\n`);
      return 1;
    }
    const running: { main?: ZooKeeperMain } = {};
    try {
      return await untilInterrupted(context, () => runMain(context, args, running), () => running.main?.close());
    } catch (error) {
      if (error instanceof UncaughtJavaException) return crash(context, error.message.replace(/^Exception in thread "main" /, ''));
      throw error;
    }
  },
};

async function runMain(context: CommandContext, args: string[], running: { main?: ZooKeeperMain }): Promise<number> {
  // The script runs `ZooKeeperMainWithTlsSupportForKafka -server "$@"`.
  const invocation = parseInvocation(['-server', ...args]);
  if (invocation.error) await context.stderr.write(`${invocation.error}\n`);
  await context.stdout.write(`Connecting to ${invocation.server}\n`);
  // Once the JVM is gone (Ctrl-C, or the end) a late event (the connect watcher) prints nothing.
  let gone = false;
  const quiet = () => gone || context.signal.aborted;
  const streams = {
    out: (text: string) => (quiet() ? Promise.resolve() : context.stdout.write(text)),
    err: (text: string) => (quiet() ? Promise.resolve() : context.stderr.write(text)),
  };
  const main = new ZooKeeperMain(context.env, streams, parseJavaInt(invocation.timeout));
  running.main = main;
  try {
    await main.connect(invocation.server);
  } catch (error) {
    throw new UncaughtJavaException(`java.lang.IllegalArgumentException: ${(error as Error).message}`);
  }
  try {
    if (invocation.command) {
      const outcome = await main.processCmd(invocation.command);
      return exit(context, outcome.quit ? outcome.exitCode : main.exitCode);
    }
    await context.stdout.write('Welcome to ZooKeeper!\nJLine support is disabled\n');
    for (;;) {
      const line = await context.stdin.readLine();
      if (line === null) break;
      const outcome = await main.executeLine(line);
      if (outcome.quit) return exit(context, outcome.exitCode);
    }
    return exit(context, main.exitCode);
  } finally {
    gone = true;
    await main.close();
  }
}

/** `ServiceUtils.requestSystemExit`: the ERROR line for a non-zero status, then the status. */
async function exit(context: CommandContext, code: number): Promise<number> {
  await context.stderr.write(exitLog(context.env, code));
  return code;
}

/** An exception nothing catches: the JVM's last words, exit status 1. */
async function crash(context: CommandContext, javaMessage: string): Promise<number> {
  await context.stderr.write(`Exception in thread "main" ${javaMessage}\n`);
  return 1;
}

/** Ctrl-C ends the JVM at once, whatever it waits for: status 130, nothing printed; `stop` ends the session. */
async function untilInterrupted(context: CommandContext, body: () => Promise<number>, stop: () => Promise<void> | undefined): Promise<number> {
  if (context.signal.aborted) return 130;
  const code = await unlessInterrupted(body(), context.signal, INTERRUPTED);
  if (code !== INTERRUPTED) return code;
  await stop();
  return 130;
}

const INTERRUPTED = Symbol('interrupted');
