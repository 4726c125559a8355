/**
 * `multi()` operations and results: the client's readable shapes on one side, the codec's wire shapes
 * (`protocol/multi.ts`) on the other, and the error a rejected multi throws.
 */
import { ZooKeeperError, errorByCode } from '../protocol/errors.ts';
import type { MultiOp as WireMultiOp, MultiResult as WireMultiResult } from '../protocol/multi.ts';
import { OpCode } from '../protocol/op-codes.ts';
import { createFlags, isSequential, OPEN_ACL_UNSAFE, toBytes } from './request-encoding.ts';
import type { MultiOp, MultiResult } from './types.ts';

/**
 * A multi the server rejected atomically: nothing was applied. `code`/`path` describe the first op that
 * failed; `results` has one entry per op (see `MultiResult`'s `error` variant).
 */
export class ZooKeeperMultiError extends ZooKeeperError {
  readonly results: MultiResult[];
  /** Index of the op that failed in the `ops` passed to `multi()`. */
  readonly failedIndex: number;

  constructor(code: number, path: string | undefined, failedIndex: number, results: MultiResult[]) {
    super(code, path);
    this.name = 'ZooKeeperMultiError';
    this.message = `${this.message} (multi op #${failedIndex} failed; nothing was applied)`;
    this.failedIndex = failedIndex;
    this.results = results;
  }
}

/** The wire form of `ops`, with paths mapped to the server (chroot). */
export function toWireMultiOps(ops: readonly MultiOp[], serverPath: (path: string, sequential: boolean) => string): WireMultiOp[] {
  return ops.map((op): WireMultiOp => {
    switch (op.type) {
      case 'create': {
        const mode = op.mode ?? 'persistent';
        return {
          type: OpCode.create,
          request: {
            path: serverPath(op.path, isSequential(mode)),
            data: toBytes(op.data),
            acl: OPEN_ACL_UNSAFE,
            flags: createFlags(mode),
          },
        };
      }
      case 'delete':
        return { type: OpCode.delete, request: { path: serverPath(op.path, false), version: op.version ?? -1 } };
      case 'setData':
        return {
          type: OpCode.setData,
          request: { path: serverPath(op.path, false), data: toBytes(op.data), version: op.version ?? -1 },
        };
      case 'check':
        return { type: OpCode.check, request: { path: serverPath(op.path, false), version: op.version } };
      default:
        throw new TypeError(`unknown multi op type ${(op as { type: unknown }).type}`);
    }
  });
}

/** Client results of a multi reply; throws `ZooKeeperMultiError` when the multi was rejected. */
export function fromWireMultiResults(
  ops: readonly MultiOp[],
  results: readonly WireMultiResult[],
  clientPath: (serverPath: string) => string,
): MultiResult[] {
  const mapped = results.map((result): MultiResult => {
    switch (result.type) {
      case OpCode.create:
      case OpCode.create2:
      case OpCode.createTTL:
      case OpCode.createContainer:
        return { type: 'create', path: clientPath(result.path) };
      case OpCode.delete:
        return { type: 'delete' };
      case OpCode.setData:
        return { type: 'setData', stat: result.stat };
      case OpCode.check:
        return { type: 'check' };
      case OpCode.error:
        return { type: 'error', code: result.err, codeName: errorByCode(result.err).name };
      default:
        return { type: 'error', code: -5, codeName: errorByCode(-5).name };
    }
  });
  const failedIndex = mapped.findIndex((r) => r.type === 'error' && r.code !== 0 && r.code !== -2);
  const anyError = mapped.some((r) => r.type === 'error');
  if (failedIndex !== -1 || anyError) {
    const index = failedIndex === -1 ? mapped.findIndex((r) => r.type === 'error') : failedIndex;
    const failed = mapped[index] as Extract<MultiResult, { type: 'error' }>;
    throw new ZooKeeperMultiError(failed.code, ops[index]?.path, index, mapped);
  }
  return mapped;
}
