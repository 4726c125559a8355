/**
 * Whole packets as they travel on the wire: `int32 length` + header + body. The server and the client
 * both build their frames here so the framing is written once.
 */
import { JuteWriter } from './jute-writer.ts';
import { Xid } from './op-codes.ts';
import { writeReplyHeader } from './records/reply-header.ts';
import { writeRequestHeader } from './records/request-header.ts';
import { writeWatcherEvent } from './records/watcher-event.ts';
import type { WatcherEvent } from './records/watcher-event.ts';

/** A framed request: `RequestHeader{xid, type}` then the body written by `body`. */
export function requestPacket(xid: number, type: number, body?: (w: JuteWriter) => void): Uint8Array {
  const w = new JuteWriter(64);
  writeRequestHeader(w, { xid, type });
  body?.(w);
  return w.finishFrame();
}

/** A framed reply: `ReplyHeader{xid, zxid, err}` then the body, which clients read only when `err == 0`. */
export function replyPacket(xid: number, zxid: bigint, err: number, body?: (w: JuteWriter) => void): Uint8Array {
  const w = new JuteWriter(body ? 128 : 16);
  writeReplyHeader(w, { xid, zxid, err });
  if (body && err === 0) body(w);
  return w.finishFrame();
}

/** A framed watch notification: `ReplyHeader{-1, -1, 0}` + `WatcherEvent` (`NIOServerCnxn.java` l.691-700). */
export function notificationPacket(event: WatcherEvent): Uint8Array {
  const w = new JuteWriter(64);
  writeReplyHeader(w, { xid: Xid.notification, zxid: -1n, err: 0 });
  writeWatcherEvent(w, event);
  return w.finishFrame();
}

/** A framed record without a header (ConnectRequest / ConnectResponse). */
export function recordPacket(body: (w: JuteWriter) => void): Uint8Array {
  const w = new JuteWriter(64);
  body(w);
  return w.finishFrame();
}

/** The 16 zero bytes a client sends as password for a new session, and a server sends for an expired one. */
export function emptyPassword(): Uint8Array {
  return new Uint8Array(16);
}
