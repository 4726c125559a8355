/**
 * Every jute record of the client protocol (generated, one file per record under `records/`) plus the
 * hand-written encodings the .jute file cannot express: multi bodies and bodiless requests.
 *
 * Requests without a body: ping (`RequestHeader{-2, 11}`), closeSession (`{xid, -11}`), whoAmI; their
 * replies are a bare `ReplyHeader` (whoAmI adds `WhoAmIResponse`).
 */
export * from './records/index.ts';
export * from './multi.ts';
export * from './bodiless.ts';
