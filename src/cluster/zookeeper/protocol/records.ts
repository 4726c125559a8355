/**
 * Every jute record of the client protocol (generated, one file per record under `records/`) plus the
 * hand-written encodings the .jute file cannot express: multi bodies.
 *
 * Requests without a body: ping (`RequestHeader{-2, 11}`), closeSession (`{xid, -11}`), whoAmI; they are
 * a bare `RequestHeader` and need no codec. Their replies are a bare `ReplyHeader` (whoAmI adds
 * `WhoAmIResponse`).
 */
export * from './records/index.ts';
export * from './multi.ts';
