/**
 * How zookeeper-shell reports a failed command: a `CliException` whose message goes to stderr and whose
 * exit code (1, or 127 for an unknown command) becomes the shell's status. `CliWrapperException` turns a
 * ZooKeeper error into a sentence for the common cases (`Node does not exist: /x`).
 */
import { ErrorCode, ZooKeeperError } from '../../../cluster/zookeeper/client/index.ts';

export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * A Java exception nothing catches (`Integer.parseInt` of a bad `-v`): the JVM prints
 * `Exception in thread "main" ...` and exits 1, interactive or not.
 */
export class UncaughtJavaException extends Error {
  constructor(javaMessage: string) {
    super(`Exception in thread "main" ${javaMessage}`);
    this.name = 'UncaughtJavaException';
  }
}

/** Java's `Integer.parseInt`, which the commands call without catching its NumberFormatException. */
export function parseJavaInt(text: string): number {
  if (!/^[+-]?\d+$/.test(text) || Number(text) > 2147483647 || Number(text) < -2147483648) {
    throw new UncaughtJavaException(`java.lang.NumberFormatException: For input string: "${text}"`);
  }
  return Number(text);
}

const sentences = new Map<number, (path: string) => string>([
  [ErrorCode.NONODE, (path) => `Node does not exist: ${path}`],
  [ErrorCode.NOCHILDRENFOREPHEMERALS, (path) => `Ephemerals cannot have children: ${path}`],
  [ErrorCode.NODEEXISTS, (path) => `Node already exists: ${path}`],
  [ErrorCode.NOTEMPTY, (path) => `Node not empty: ${path}`],
  [ErrorCode.NOTREADONLY, (path) => `Not a read-only call: ${path}`],
  [ErrorCode.INVALIDACL, (path) => `Acl is not valid : ${path}`],
  [ErrorCode.NOAUTH, (path) => `Insufficient permission : ${path}`],
  [ErrorCode.BADARGUMENTS, (path) => `Arguments are not valid : ${path}`],
  [ErrorCode.BADVERSION, (path) => `version No is not valid : ${path}`],
  [ErrorCode.QUOTAEXCEEDED, (path) => `Quota has exceeded : ${path}`],
]);

/**
 * `CliWrapperException` for a ZooKeeper error on `path` (the path as typed: Java reports the client path,
 * without the chroot). Other codes print `KeeperErrorCode = ConnectionLoss for /x`.
 */
export function wrapZooKeeperError(error: unknown, path: string): CliError {
  if (!(error instanceof ZooKeeperError)) throw error;
  const errorPath = error.path ?? path;
  const sentence = sentences.get(error.code);
  return new CliError(sentence ? sentence(errorPath) : new ZooKeeperError(error.code, errorPath).message);
}
