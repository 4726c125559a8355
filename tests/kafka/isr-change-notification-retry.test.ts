/**
 * ISR change notifications are not lost when ZooKeeper refuses them for a while: the leader's notifier
 * keeps the changed partitions and retries the `isr_change_<seq>` write with backoff, and the
 * controller, whose watch on `/isr_change_notification` could not be set again, retries too. Here the
 * folder itself is gone for a moment (both sides get NONODE) and comes back.
 */
import { describe, expect, it } from 'vitest';
import type { ControllerRequestEvent } from '../../src/cluster/kafka/controller/controller-requests.ts';
import { createLogger } from '../../src/cluster/logger.ts';
import type { LogLine } from '../../src/cluster/logger.ts';
import { IsrChangeNotifier } from '../../src/cluster/kafka/replication/isr-change-notifier.ts';
import { KafkaZk } from '../../src/cluster/kafka/zk/kafka-zk.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';

describe('ISR change notification retries', () => {
  it('a notification refused by ZooKeeper is written later and the controller still handles it', async () => {
    await using cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1 } });
    const controller = await eventually('a controller', () => [...cluster.brokers.values()].find((b) => b.status().controller)?.id);
    const admin = cluster.broker(controller).services.internals.admin;
    await admin.createTopic({ name: 't', numPartitions: 1, replicationFactor: 3, assignments: new Map(), configs: {} });
    await admin.waitForLeaders('t', 5000);
    const zk = await cluster.zookeeperClient();
    const folder = '/isr_change_notification';
    await eventually('no pending notification', async () => ((await zk.getChildren(folder)).length === 0 ? true : undefined));

    await zk.delete(folder);
    const lines: LogLine[] = [];
    const notifier = new IsrChangeNotifier(new KafkaZk(zk, createLogger((line) => lines.push(line))), createLogger((line) => lines.push(line)));
    try {
      notifier.record('t', 0);
      await eventually('the notifier failed and will retry', () => lines.find((l) => l.message.includes('cannot write the ISR change notification')));
      const events: ControllerRequestEvent[] = [];
      cluster.embedded.on('controller-request', (event) => events.push(event));
      await zk.create(folder, undefined, 'persistent');
      await eventually('UpdateMetadata for t-0 after the notification', () =>
        events.find((e) => e.api === 'UpdateMetadata' && e.partitions.some((p) => p.topic === 't' && p.partition === 0)),
      );
      await eventually('the notification consumed', async () => ((await zk.getChildren(folder)).length === 0 ? true : undefined));
      expect(events.filter((e) => e.api === 'UpdateMetadata').map((e) => e.broker).sort()).toEqual(expect.arrayContaining([1, 2, 3]));
    } finally {
      notifier.close();
    }
  }, 60_000);
});
