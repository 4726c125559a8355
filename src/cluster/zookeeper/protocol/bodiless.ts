/**
 * Requests whose body is empty: closeSession (`{xid, -11}`) and ping (`{-2, 11}`) are a bare
 * RequestHeader, and their replies a bare ReplyHeader. These no-op codecs let callers treat them like
 * every other record.
 */
import type { JuteReader } from './jute-reader.ts';
import type { JuteWriter } from './jute-writer.ts';

export type CloseSession = Record<string, never>;
export type Ping = Record<string, never>;

export function writeCloseSession(_w: JuteWriter, _v: CloseSession = {}): void {}
export function readCloseSession(_r: JuteReader): CloseSession {
  return {};
}
export function writePing(_w: JuteWriter, _v: Ping = {}): void {}
export function readPing(_r: JuteReader): Ping {
  return {};
}
