/**
 * multi (14) and multiRead (22) bodies (`MultiOperationRecord.java` l.91-114, `MultiResponse.java`
 * l.60-99): a run of `MultiHeader{type, done=false, err}` + op record, closed by `MultiHeader{-1, true, -1}`.
 *
 * A failed multi still has `ReplyHeader.err == 0`; every result is then an `error` result: ops before the
 * failing one carry 0 (clients show "RolledBack"), the failing op its code, later ops -2
 * (RUNTIMEINCONSISTENCY).
 */
import { JuteDecodeError } from './jute-reader.ts';
import type { JuteReader } from './jute-reader.ts';
import type { JuteWriter } from './jute-writer.ts';
import { OpCode } from './op-codes.ts';
import { readCheckVersionRequest, writeCheckVersionRequest } from './records/check-version-request.ts';
import type { CheckVersionRequest } from './records/check-version-request.ts';
import { readCreateRequest, writeCreateRequest } from './records/create-request.ts';
import type { CreateRequest } from './records/create-request.ts';
import { readCreateTTLRequest, writeCreateTTLRequest } from './records/create-ttl-request.ts';
import type { CreateTTLRequest } from './records/create-ttl-request.ts';
import { readDeleteRequest, writeDeleteRequest } from './records/delete-request.ts';
import type { DeleteRequest } from './records/delete-request.ts';
import { readGetChildrenRequest, writeGetChildrenRequest } from './records/get-children-request.ts';
import type { GetChildrenRequest } from './records/get-children-request.ts';
import { readGetDataRequest, writeGetDataRequest } from './records/get-data-request.ts';
import type { GetDataRequest } from './records/get-data-request.ts';
import { readMultiHeader, writeMultiHeader } from './records/multi-header.ts';
import { readSetDataRequest, writeSetDataRequest } from './records/set-data-request.ts';
import type { SetDataRequest } from './records/set-data-request.ts';
import { readStat, writeStat } from './records/stat.ts';
import type { Stat } from './records/stat.ts';

/** One operation of a multi / multiRead request. */
export type MultiOp =
  | { type: typeof OpCode.create | typeof OpCode.create2 | typeof OpCode.createContainer; request: CreateRequest }
  | { type: typeof OpCode.createTTL; request: CreateTTLRequest }
  | { type: typeof OpCode.delete; request: DeleteRequest }
  | { type: typeof OpCode.setData; request: SetDataRequest }
  | { type: typeof OpCode.check; request: CheckVersionRequest }
  | { type: typeof OpCode.getChildren; request: GetChildrenRequest }
  | { type: typeof OpCode.getData; request: GetDataRequest };

/** One result of a multi / multiRead reply. */
export type MultiResult =
  | { type: typeof OpCode.create; path: string }
  | { type: typeof OpCode.create2 | typeof OpCode.createTTL | typeof OpCode.createContainer; path: string; stat: Stat }
  | { type: typeof OpCode.delete }
  | { type: typeof OpCode.check }
  | { type: typeof OpCode.setData; stat: Stat }
  | { type: typeof OpCode.getChildren; children: string[] }
  | { type: typeof OpCode.getData; data: Uint8Array | null; stat: Stat }
  /** `err` 0 = rolled back, -2 = not attempted, else the reason the op failed. */
  | { type: typeof OpCode.error; err: number };

const end = { type: -1, done: true, err: -1 };

export function writeMultiRequest(w: JuteWriter, ops: readonly MultiOp[]): void {
  for (const op of ops) {
    writeMultiHeader(w, { type: op.type, done: false, err: -1 });
    switch (op.type) {
      case OpCode.create:
      case OpCode.create2:
      case OpCode.createContainer:
        writeCreateRequest(w, op.request);
        break;
      case OpCode.createTTL:
        writeCreateTTLRequest(w, op.request);
        break;
      case OpCode.delete:
        writeDeleteRequest(w, op.request);
        break;
      case OpCode.setData:
        writeSetDataRequest(w, op.request);
        break;
      case OpCode.check:
        writeCheckVersionRequest(w, op.request);
        break;
      case OpCode.getChildren:
        writeGetChildrenRequest(w, op.request);
        break;
      case OpCode.getData:
        writeGetDataRequest(w, op.request);
        break;
    }
  }
  writeMultiHeader(w, end);
}

export function readMultiRequest(r: JuteReader): MultiOp[] {
  const ops: MultiOp[] = [];
  for (;;) {
    const at = r.offset;
    const header = readMultiHeader(r);
    if (header.done) return ops;
    switch (header.type) {
      case OpCode.create:
      case OpCode.create2:
      case OpCode.createContainer:
        ops.push({ type: header.type, request: readCreateRequest(r) });
        break;
      case OpCode.createTTL:
        ops.push({ type: header.type, request: readCreateTTLRequest(r) });
        break;
      case OpCode.delete:
        ops.push({ type: header.type, request: readDeleteRequest(r) });
        break;
      case OpCode.setData:
        ops.push({ type: header.type, request: readSetDataRequest(r) });
        break;
      case OpCode.check:
        ops.push({ type: header.type, request: readCheckVersionRequest(r) });
        break;
      case OpCode.getChildren:
        ops.push({ type: header.type, request: readGetChildrenRequest(r) });
        break;
      case OpCode.getData:
        ops.push({ type: header.type, request: readGetDataRequest(r) });
        break;
      default:
        throw new JuteDecodeError(`invalid op type ${header.type} in multi`, at);
    }
  }
}

export function writeMultiResponse(w: JuteWriter, results: readonly MultiResult[]): void {
  for (const result of results) {
    writeMultiHeader(w, { type: result.type, done: false, err: result.type === OpCode.error ? result.err : 0 });
    switch (result.type) {
      case OpCode.create:
        w.ustring(result.path);
        break;
      case OpCode.create2:
      case OpCode.createTTL:
      case OpCode.createContainer:
        w.ustring(result.path);
        writeStat(w, result.stat);
        break;
      case OpCode.setData:
        writeStat(w, result.stat);
        break;
      case OpCode.getChildren:
        w.vector(result.children, (w, child) => w.ustring(child));
        break;
      case OpCode.getData:
        w.buffer(result.data);
        writeStat(w, result.stat);
        break;
      case OpCode.error:
        w.int(result.err);
        break;
      case OpCode.delete:
      case OpCode.check:
        break;
    }
  }
  writeMultiHeader(w, end);
}

export function readMultiResponse(r: JuteReader): MultiResult[] {
  const results: MultiResult[] = [];
  for (;;) {
    const at = r.offset;
    const header = readMultiHeader(r);
    if (header.done) return results;
    switch (header.type) {
      case OpCode.create:
        results.push({ type: header.type, path: r.string() });
        break;
      case OpCode.create2:
      case OpCode.createTTL:
      case OpCode.createContainer:
        results.push({ type: header.type, path: r.string(), stat: readStat(r) });
        break;
      case OpCode.setData:
        results.push({ type: header.type, stat: readStat(r) });
        break;
      case OpCode.getChildren:
        results.push({ type: header.type, children: r.vector((r) => r.string()) ?? [] });
        break;
      case OpCode.getData:
        results.push({ type: header.type, data: r.buffer(), stat: readStat(r) });
        break;
      case OpCode.error:
        results.push({ type: header.type, err: r.int() });
        break;
      case OpCode.delete:
      case OpCode.check:
        results.push({ type: header.type });
        break;
      default:
        throw new JuteDecodeError(`invalid result type ${header.type} in multi response`, at);
    }
  }
}
