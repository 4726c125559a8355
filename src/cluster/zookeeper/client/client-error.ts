/**
 * Mistakes in how the client is set up or called (as opposed to `ZooKeeperError`, which carries a
 * ZooKeeper error code). Each names what is wrong and how to fix it.
 */
export type ZooKeeperClientErrorCode = 'BAD_CONNECT_STRING' | 'BAD_OPTION' | 'NOT_STARTED';

export class ZooKeeperClientError extends Error {
  readonly code: ZooKeeperClientErrorCode;
  /** How to fix it. */
  readonly hint: string;

  constructor(code: ZooKeeperClientErrorCode, message: string, hint: string) {
    super(`${message} (hint: ${hint})`);
    this.name = 'ZooKeeperClientError';
    this.code = code;
    this.hint = hint;
  }
}
