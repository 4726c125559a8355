/**
 * multi (14): all ops or none (`PrepRequestProcessor` l.829-900). Each op is validated by its own
 * write handler against a scratch view that sees the earlier ops. On the first failure the scratch view
 * is dropped and the leader proposes a multi of error transactions (`MultiTxn` of `ErrorTxn`s): 0 before
 * the failing op, its code for it, RUNTIMEINCONSISTENCY (-2) after it. It changes nothing, but the reply
 * (ReplyHeader err 0, one ErrorResult per op) leaves only once it is committed, like a real server's.
 */
import type { MultiOp, MultiResult } from '../../protocol/index.ts';
import { ErrorCode, OpCode, readMultiRequest, writeMultiResponse } from '../../protocol/index.ts';
import type { TxnResult } from '../data-tree.ts';
import type { Prepared } from '../handler-registry.ts';
import { registerHandler, writeHandlerFor } from '../handler-registry.ts';
import type { Txn } from '../txn.ts';

const allowed = new Set<number>([OpCode.create, OpCode.create2, OpCode.createContainer, OpCode.createTTL, OpCode.delete, OpCode.setData, OpCode.check]);

registerHandler<MultiOp[]>({
  kind: 'write',
  op: OpCode.multi,
  name: 'multi',
  decode: readMultiRequest,
  prepare: (env, ops) => {
    const scratch = env.view.fork();
    const txns: Txn[] = [];
    let failedAt = -1;
    let failure = 0;
    for (const [index, op] of ops.entries()) {
      const handler = allowed.has(op.type) ? writeHandlerFor(op.type) : undefined;
      const prepared: Prepared = handler ? handler.prepare({ ...env, view: scratch }, op.request) : { err: ErrorCode.BADARGUMENTS };
      if ('txn' in prepared) {
        scratch.record(prepared.txn, env.zxid);
        txns.push(prepared.txn);
        continue;
      }
      failedAt = index;
      failure = prepared.err;
      break;
    }
    if (failedAt === -1) {
      env.view.merge(scratch);
      return { txn: { type: 'multi', txns } };
    }
    const errors: Txn[] = ops.map((_, index) => ({
      type: 'error',
      err: index < failedAt ? ErrorCode.OK : index === failedAt ? failure : ErrorCode.RUNTIMEINCONSISTENCY,
    }));
    return { txn: { type: 'multi', txns: errors } };
  },
  reply: (result, ops) => {
    if (result.type !== 'multi') throw new Error(`multi committed as ${result.type}`);
    const results = result.results.map((r, i) => toMultiResult(r, ops[i].type));
    return { err: 0, body: (w) => writeMultiResponse(w, results) };
  },
});

function toMultiResult(result: TxnResult, op: number): MultiResult {
  switch (result.type) {
    case 'create':
      return op === OpCode.create ? { type: OpCode.create, path: result.path } : { type: op as typeof OpCode.create2, path: result.path, stat: result.stat };
    case 'delete':
      return { type: OpCode.delete };
    case 'setData':
      return { type: OpCode.setData, stat: result.stat };
    case 'check':
      return { type: OpCode.check };
    case 'error':
      return { type: OpCode.error, err: result.err };
    default:
      throw new Error(`unexpected ${result.type} inside multi`);
  }
}
