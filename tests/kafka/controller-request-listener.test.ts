/**
 * A `controller-request` observer that throws (a lab's bug, a UI hook) must not stop the controller's
 * sending: UpdateMetadata waits on the LeaderAndIsr answers, which are reported to observers first.
 */
import { describe, it } from 'vitest';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';

describe('controller-request observers', () => {
  it('a throwing observer does not keep the brokers from learning a new leader', async () => {
    await using cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1 } });
    const controller = await eventually('a controller', () => [...cluster.brokers.values()].find((b) => b.status().controller)?.id);
    const leader = [1, 2, 3].find((id) => id !== controller)!;
    let thrown = 0;
    cluster.embedded.on('controller-request', () => {
      thrown++;
      throw new Error('observer bug');
    });
    const admin = cluster.broker(controller).services.internals.admin;
    await admin.createTopic({ name: 'observed', numPartitions: -1, replicationFactor: -1, assignments: new Map([[0, [leader]]]), configs: {} });
    for (const broker of cluster.brokers.values()) {
      await eventually(`broker ${broker.id} learns the leader`, () => broker.services.metadata.topic('observed')?.partitions[0]?.leader === leader);
    }
    await eventually('the observer was called (and threw)', () => thrown > 0);
  }, 30_000);
});
