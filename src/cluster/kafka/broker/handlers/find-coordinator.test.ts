import { describe, expect, it } from 'vitest';
import { offsetsPartitionFor } from '../../group/java-string-hash.ts';
import { BROKER, createHandlerContext } from '../../group/handler-test-context.ts';
import findCoordinator from './find-coordinator.ts';

describe('FindCoordinator handler', () => {
  it('names the leader of the group’s __consumer_offsets partition (v0 and v2)', async () => {
    const t = await createHandlerContext();
    expect(await t.call(findCoordinator, 0, { key: 'g1' })).toEqual({ errorCode: 0, nodeId: BROKER.id, host: BROKER.host, port: BROKER.port });
    expect(await t.call(findCoordinator, 2, { key: 'g1', keyType: 0 })).toEqual({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      nodeId: BROKER.id,
      host: BROKER.host,
      port: BROKER.port,
    });
  });

  it('answers COORDINATOR_NOT_AVAILABLE while that partition has no live leader', async () => {
    const t = await createHandlerContext();
    t.topic.setLeader(offsetsPartitionFor('g1', 4), false);
    expect(await t.call(findCoordinator, 2, { key: 'g1', keyType: 0 })).toMatchObject({ errorCode: 15, nodeId: -1, host: '', port: -1 });
    expect((await t.call(findCoordinator, 2, { key: 'g1', keyType: 0 })).errorMessage).toBe('The coordinator is not available.');
  });

  it('has no transaction coordinator (a fatal TRANSACTIONAL_ID_AUTHORIZATION_FAILED saying why) and rejects unknown key types', async () => {
    const t = await createHandlerContext();
    const refused = await t.call(findCoordinator, 1, { key: 'tx', keyType: 1 });
    expect(refused).toMatchObject({ errorCode: 53, nodeId: -1 });
    expect(refused.errorMessage).toMatch(/transactions are not supported by the teaching cluster/);
    expect((await t.call(findCoordinator, 1, { key: 'x', keyType: 7 })).errorCode).toBe(42);
  });

  it('advertises 0..2: librdkafka needs the minimum 0 to look coordinators up at all', () => {
    expect([findCoordinator.minVersion, findCoordinator.maxVersion]).toEqual([0, 2]);
  });
});
