/**
 * The embedded cluster of a test file, or of one `describe` block: started before its tests and
 * stopped after them. Register it before the suite's own hooks that use it (they run after the start,
 * and their `afterAll` before the stop).
 *
 *   const cluster = suiteCluster();
 *   it('...', async () => run(['--bootstrap-server', cluster().bootstrap.join(',')]));
 */
import { afterAll, beforeAll } from 'vitest';
import { startKafkaTestCluster, type KafkaTestCluster } from '../../support/kafka-cluster.ts';

export function suiteCluster(start: () => Promise<KafkaTestCluster> = () => startKafkaTestCluster()): () => KafkaTestCluster {
  let cluster: KafkaTestCluster | undefined;
  beforeAll(async () => {
    cluster = await start();
  });
  afterAll(async () => {
    await cluster?.[Symbol.asyncDispose]();
  });
  return () => {
    if (!cluster) throw new Error('the suite cluster is used before its beforeAll hook started it');
    return cluster;
  };
}
