/**
 * ProduceRequest.validateRecords as Kafka has it: one v2 batch per partition from v3, zstd from v7,
 * framing problems left to the CORRUPT_MESSAGE checks.
 */
import { describe, expect, it } from 'vitest';
import { encodeRecordBatch, KAFKA_ERRORS, KafkaProtocolError } from '../protocol/index.ts';
import { validateProduceRequestRecords } from './produce-request-records.ts';

const one = () => encodeRecordBatch({ records: [{ value: new TextEncoder().encode('v') }] });

function refusal(version: number, records: Uint8Array | null): KafkaProtocolError | undefined {
  try {
    validateProduceRequestRecords(version, records);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(KafkaProtocolError);
    return error as KafkaProtocolError;
  }
}

describe('validateProduceRequestRecords', () => {
  it('accepts exactly one v2 batch', async () => {
    expect(refusal(7, await one())).toBeUndefined();
  });

  it('refuses a second whole batch, and no batch at all, with INVALID_RECORD', async () => {
    const batch = await one();
    const two = new Uint8Array(batch.length * 2);
    two.set(batch);
    two.set(batch, batch.length);
    const error = refusal(7, two)!;
    expect(error.code).toBe(KAFKA_ERRORS.INVALID_RECORD.code);
    expect(error.message).toMatch(/Produce requests with version 7 are only allowed to contain exactly one record batch per partition/);
    expect(refusal(7, new Uint8Array(0))?.code).toBe(KAFKA_ERRORS.INVALID_RECORD.code);
    expect(refusal(7, null)?.code).toBe(KAFKA_ERRORS.INVALID_RECORD.code);
  });

  it('refuses magic 1 with INVALID_RECORD; leaves a truncated tail and an unframeable batch to the CRC/framing checks', async () => {
    const batch = await one();
    const magic1 = batch.slice();
    magic1[16] = 1;
    expect(refusal(3, magic1)?.message).toMatch(/only allowed to contain record batches with magic version 2/);
    const tail = new Uint8Array(batch.length + 20);
    tail.set(batch);
    expect(refusal(7, tail)).toBeUndefined();
    expect(refusal(7, new Uint8Array(70))).toBeUndefined();
  });

  it('refuses zstd below Produce v7 with UNSUPPORTED_COMPRESSION_TYPE', async () => {
    const zstd = await encodeRecordBatch({ compression: 'zstd', records: [{ value: new TextEncoder().encode('z') }] });
    expect(refusal(6, zstd)?.code).toBe(KAFKA_ERRORS.UNSUPPORTED_COMPRESSION_TYPE.code);
    expect(refusal(7, zstd)).toBeUndefined();
  });
});
