/**
 * `nc` as OpenBSD netcat behaves for `echo srvr | nc localhost 12181`: it connects, sends standard input
 * line by line, and prints what the peer sends until the peer closes (ZooKeeper answers a four-letter
 * word and closes). It reaches only what the tool environment's transport reaches: in the lab, the
 * cluster's ports; anything else fails as a refused connection, silently unless `-v`, status 1.
 */
import type { Connection } from '../../../cluster/transport/transport.ts';
import type { Command, CommandContext } from '../../command.ts';
import { NcUsageError, parseNcOptions } from './nc-options.ts';
import type { NcOptions } from './nc-options.ts';

export const nc: Command = {
  name: 'nc',
  summary: 'netcat to the cluster: echo srvr | nc localhost 12181',
  completions: ['-v', '-z', '-q', '-w'],
  async run(context) {
    let options: NcOptions;
    try {
      options = parseNcOptions(context.argv.slice(1));
    } catch (error) {
      if (!(error instanceof NcUsageError)) throw error;
      await context.stderr.write(error.message);
      return 1;
    }
    const connection = await connect(context, options);
    if (connection === 'interrupted') return 130;
    if (!connection) {
      if (options.verbose) await context.stderr.write(`nc: connect to ${options.host} port ${options.port} (tcp) failed: Connection refused\n`);
      return 1;
    }
    if (options.verbose) {
      await context.stderr.write(`Connection to ${options.host} (${resolvedAddress(options.host)}) ${options.port} port [tcp/*] succeeded!\n`);
    }
    if (options.scan) {
      connection.close();
      return 0;
    }
    return relay(context, options, connection);
  },
};

/** `localhost` is 127.0.0.1 in the lab; an address stays itself. */
function resolvedAddress(host: string): string {
  return host === 'localhost' ? '127.0.0.1' : host;
}

async function connect(context: CommandContext, options: NcOptions): Promise<Connection | undefined | 'interrupted'> {
  const attempt = context.env.transport.connect(options.host, options.port).then(
    (connection) => connection,
    () => undefined,
  );
  const stop = stopper(context, options.timeoutSeconds);
  const outcome = await Promise.race([attempt, stop.promise]);
  stop.cancel();
  if (outcome === 'interrupted' || outcome === 'timeout') {
    void attempt.then((late) => late?.destroy());
    return outcome === 'interrupted' ? 'interrupted' : undefined;
  }
  return outcome;
}

/** Resolves on Ctrl-C, or after `seconds` when given; `cancel` drops the timer and the listener. */
function stopper(context: CommandContext, seconds: number | undefined): { promise: Promise<'interrupted' | 'timeout'>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const promise = new Promise<'interrupted' | 'timeout'>((resolve) => {
    if (context.signal.aborted) return resolve('interrupted');
    onAbort = () => resolve('interrupted');
    context.signal.addEventListener('abort', onAbort, { once: true });
    if (seconds !== undefined) timer = setTimeout(() => resolve('timeout'), seconds * 1000);
  });
  return {
    promise,
    cancel() {
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Standard input to the peer and the peer to standard output, until the peer closes, Ctrl-C, `-q`
 * seconds after the end of input, or `-w` seconds without traffic.
 */
async function relay(context: CommandContext, options: NcOptions, connection: Connection): Promise<number> {
  const decoder = new TextDecoder();
  let writing = Promise.resolve();
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let quitTimer: ReturnType<typeof setTimeout> | undefined;
  const active = () => {
    if (options.timeoutSeconds === undefined) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => finish(0), options.timeoutSeconds * 1000);
  };
  const onAbort = () => finish(130);
  context.signal.addEventListener('abort', onAbort, { once: true });
  active();

  connection.onData((bytes) => {
    active();
    const text = decoder.decode(bytes, { stream: true });
    writing = writing.then(() => (context.stdout.closed ? finish(0) : context.stdout.write(text)));
  });
  connection.onClose(() => {
    writing = writing.then(() => context.stdout.write(decoder.decode())).then(() => finish(0));
  });

  void (async () => {
    for (;;) {
      const line = await context.stdin.readLine();
      if (line === null || connection.closed) break;
      active();
      connection.write(new TextEncoder().encode(`${line}\n`));
    }
    if (options.quitAfterEofSeconds === undefined || connection.closed) return;
    quitTimer = setTimeout(() => finish(0), options.quitAfterEofSeconds * 1000);
  })();

  const code = await finished;
  clearTimeout(idleTimer);
  clearTimeout(quitTimer);
  context.signal.removeEventListener('abort', onAbort);
  connection.close();
  if (code !== 130) await writing;
  return code;
}
