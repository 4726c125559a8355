/**
 * One of ZooKeeper's shell commands (`cli/*Command.java` in 3.8.4): it parses its words with its options
 * and runs against the session. A failure is thrown as a `CliError`, which the shell prints on stderr.
 */
import type { Watcher, ZooKeeperClient } from '../../../cluster/zookeeper/client/index.ts';
import type { ToolEnvironment } from '../../tool-environment.ts';
import { CliError, wrapZooKeeperError } from './cli-error.ts';
import type { CliOption } from './cli-options.ts';
import { invalidPathMessage } from './path-utils.ts';
import type { ZooKeeperShellSession } from './zookeeper-shell-session.ts';

export interface CliCommandContext {
  readonly env: ToolEnvironment;
  readonly session: ZooKeeperShellSession;
  /** System.out and System.err of the shell. */
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
  /** What `-w` registers: the shell's own watcher, which prints the event. */
  readonly watcher: Watcher;
}

export interface CliCommand {
  readonly name: string;
  readonly options: readonly CliOption[];
  /**
   * Parses `words` (the command's name first, as typed) and runs. May change `words` in place, as the
   * deprecated `get path watch` form does in Java.
   */
  run(words: string[], context: CliCommandContext): Promise<void>;
}

/**
 * A client call on `path` as the Java client makes it: the path is checked first (an invalid one fails
 * at once with PathUtils' message), then ZooKeeper errors become the shell's sentences.
 */
export async function onZooKeeper<T>(context: CliCommandContext, path: string, call: (client: ZooKeeperClient) => Promise<T>): Promise<T> {
  const invalid = invalidPathMessage(path);
  if (invalid) throw new CliError(invalid);
  try {
    return await context.session.request(path, call);
  } catch (error) {
    throw wrapZooKeeperError(error, path);
  }
}

/** `zk.getData` data as the shell prints it: `null` for a znode without data, else the bytes as UTF-8. */
export function dataText(data: Uint8Array): string {
  // Our client gives no data as empty bytes; Kafka's znodes without data hold null, which Java prints as `null`.
  return data.length === 0 ? 'null' : new TextDecoder().decode(data);
}
