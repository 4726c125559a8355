import { describe, expect, it } from 'vitest';
import { kafkaException } from '../kafka/java-exception.ts';
import type { ConsumedRecord } from './default-message-formatter.ts';
import { ClientFailure, ReceiveTimeout, RecordHandoff, Wakeup } from './record-handoff.ts';

const record = (offset: string): ConsumedRecord => ({ topic: 't', partition: 0, offset, timestamp: '0', timestampType: 'CreateTime', key: null, value: null, headers: [] });
const never = new AbortController().signal;

describe('RecordHandoff', () => {
  it('hands over one record at a time: an offer waits until it is taken', async () => {
    const handoff = new RecordHandoff();
    let taken = false;
    const offered = handoff.offer(record('0')).then((accepted) => (taken = accepted));
    await Promise.resolve();
    expect(taken).toBe(false);
    expect((await handoff.take(Infinity, never)).offset).toBe('0');
    await offered;
    expect(taken).toBe(true);
    const waiting = handoff.take(Infinity, never);
    await handoff.offer(record('1'));
    expect((await waiting).offset).toBe('1');
  });

  it('gives up a take after the timeout, at an abort and at close; refuses offers after close', async () => {
    const handoff = new RecordHandoff();
    await expect(handoff.take(5, never)).rejects.toBeInstanceOf(ReceiveTimeout);
    const abort = new AbortController();
    const aborted = handoff.take(Infinity, abort.signal);
    abort.abort();
    await expect(aborted).rejects.toBeInstanceOf(Wakeup);
    const pending = handoff.offer(record('2'));
    const waiting = handoff.take(Infinity, never);
    expect((await waiting).offset).toBe('2');
    expect(await pending).toBe(true);
    const refused = handoff.offer(record('3'));
    handoff.close();
    expect(await refused).toBe(false);
    await expect(handoff.take(Infinity, never)).rejects.toBeInstanceOf(Wakeup);
    expect(await handoff.offer(record('4'))).toBe(false);
    const other = new RecordHandoff();
    const closing = other.take(Infinity, never);
    other.close();
    await expect(closing).rejects.toBeInstanceOf(Wakeup);
  });

  it("passes the client's failure to the waiting take", async () => {
    const handoff = new RecordHandoff();
    const waiting = handoff.take(Infinity, never);
    handoff.fail(kafkaException('InvalidTopicException', 'Invalid topics: [a b]'));
    await expect(waiting).rejects.toBeInstanceOf(ClientFailure);
    await expect(handoff.take(Infinity, never)).rejects.toThrow('Invalid topics: [a b]');
  });
});
