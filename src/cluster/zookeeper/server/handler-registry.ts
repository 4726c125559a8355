/**
 * One handler per opcode, each in its own file under `handlers/`, registering itself here (a registry,
 * not a growing switch). Three kinds:
 * - `read`: answered by the member the client is on, from its own tree, in the session's request order;
 * - `write`: `prepare` runs on the leader (validation + the transaction to propose, or the error code,
 *   which the leader proposes as an error transaction), `reply` runs on the client's member once that
 *   member has applied the committed transaction;
 * - `session`: connection/session bookkeeping answered locally (ping, auth, setWatches, sync).
 */
import type { Id, JuteReader, JuteWriter } from '../protocol/index.ts';
import { ErrorCode, ZooKeeperError, opCodeName } from '../protocol/index.ts';
import type { ChangeView } from './change-view.ts';
import type { DataTree, TxnResult } from './data-tree.ts';
import type { Txn } from './txn.ts';
import type { WatchManager, Watcher } from './watch-manager.ts';

/** The client session as a handler sees it. */
export interface ClientSession {
  readonly sessionId: bigint;
  /** Where this connection's notifications go. */
  readonly watcher: Watcher;
  /** `ip:<address>` plus identities added with addauth. */
  readonly authIds: Id[];
  /** `127.0.0.1:53122`. */
  readonly remote: string;
}

export interface Reply {
  err: number;
  /** Written after the ReplyHeader, only when `err == 0`. */
  body?: (w: JuteWriter) => void;
  /** Close the connection once this reply is sent (closeSession). */
  close?: boolean;
}

export interface ReadEnv {
  tree: DataTree;
  watches: WatchManager;
  session: ClientSession;
}

export interface SessionEnv extends ReadEnv {
  /** Resolves once this member has applied everything the leader committed before the call. */
  syncWithLeader(): Promise<void>;
}

export interface PrepareEnv {
  view: ChangeView;
  /** The zxid this proposal will get if it is accepted. */
  zxid: bigint;
  sessionId: bigint;
  authIds: readonly Id[];
}

/** What the leader decided for a write: the transaction, or the error it proposes as an error transaction. */
export type Prepared = { txn: Txn } | { err: number };

interface Base<Req> {
  op: number;
  name: string;
  decode(r: JuteReader): Req;
}
export interface ReadHandler<Req> extends Base<Req> {
  kind: 'read';
  read(env: ReadEnv, request: Req): Reply;
}
export interface SessionHandler<Req> extends Base<Req> {
  kind: 'session';
  handle(env: SessionEnv, request: Req): Reply | Promise<Reply>;
}
export interface WriteHandler<Req> extends Base<Req> {
  kind: 'write';
  prepare(env: PrepareEnv, request: Req): Prepared;
  reply(result: TxnResult, request: Req): Reply;
}
export type Handler<Req = unknown> = ReadHandler<Req> | SessionHandler<Req> | WriteHandler<Req>;

const handlers = new Map<number, Handler>();

export function registerHandler<Req>(handler: Handler<Req>): void {
  if (handlers.has(handler.op)) throw new Error(`a handler for op ${handler.op} (${opCodeName(handler.op)}) is already registered`);
  handlers.set(handler.op, handler as unknown as Handler);
}

export function handlerFor(op: number): Handler | undefined {
  return handlers.get(op);
}

export function writeHandlerFor(op: number): WriteHandler<unknown> | undefined {
  const handler = handlers.get(op);
  return handler?.kind === 'write' ? handler : undefined;
}

export function registeredOps(): number[] {
  return [...handlers.keys()];
}

/** Runs `fn`, turning a thrown `ZooKeeperError` into an error reply/outcome. */
export function guard<T>(fn: () => T, onError: (err: number) => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ZooKeeperError) return onError(error.code);
    throw error;
  }
}

export const ok: Reply = { err: ErrorCode.OK };
