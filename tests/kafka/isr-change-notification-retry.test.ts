/**
 * The controller still reads `/isr_change_notification`, as Kafka 3.9's does for brokers of before 2.7
 * (which wrote ISR changes to the state znode themselves and announced them there). Written here with the
 * ZooKeeper client as such a broker would, while the folder is first gone: the controller, whose watch
 * could not be set again, retries, then re-reads the partition state, tells every broker with
 * UpdateMetadata and deletes the notification.
 */
import { describe, expect, it } from 'vitest';
import type { ControllerRequestEvent } from '../../src/cluster/kafka/controller/controller-requests.ts';
import { encodeIsrChangeNotification } from '../../src/cluster/kafka/zk/isr-change-notification.ts';
import { decodePartitionState, encodePartitionState } from '../../src/cluster/kafka/zk/znode-json.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';

describe('ISR change notifications from a broker of before 2.7', () => {
  it('a notification written once the folder is back is handled: the new ISR reaches every broker', async () => {
    await using cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1 } });
    const controller = await eventually('a controller', () => [...cluster.brokers.values()].find((b) => b.status().controller)?.id);
    const admin = cluster.broker(controller).services.internals.admin;
    await admin.createTopic({ name: 't', numPartitions: 1, replicationFactor: 3, assignments: new Map(), configs: {} });
    await admin.waitForLeaders('t', 5000);
    const zk = await cluster.zookeeperClient();
    const folder = '/isr_change_notification';
    expect(await zk.getChildren(folder)).toEqual([]);
    await zk.delete(folder);

    // The old broker's way: the ISR written to the state znode by the leader itself (here, the same ISR in
    // another order, so no broker acts on it), then the notification.
    const path = '/brokers/topics/t/partitions/0/state';
    const { data, stat } = await zk.getData(path);
    const state = decodePartitionState(path, data);
    const reordered = [...state.isr].reverse();
    const written = await zk.setData(path, encodePartitionState({ ...state, isr: reordered }), stat.version);
    const events: ControllerRequestEvent[] = [];
    cluster.embedded.on('controller-request', (event) => events.push(event));
    await zk.create(folder, undefined, 'persistent');
    await zk.create(`${folder}/isr_change_`, encodeIsrChangeNotification([{ topic: 't', partition: 0 }]), 'persistent-sequential');

    const updates = await eventually('UpdateMetadata with the new ISR to every broker', () => {
      const sent = events.filter((e) => e.api === 'UpdateMetadata' && e.partitions.some((p) => p.topic === 't' && p.partition === 0 && p.zkVersion === written.version));
      return new Set(sent.map((e) => e.broker)).size === 3 ? sent : undefined;
    });
    for (const event of updates) expect(event.partitions.find((p) => p.topic === 't')?.isr).toEqual(reordered);
    await eventually('the notification consumed', async () => ((await zk.getChildren(folder)).length === 0 ? true : undefined));
    for (const broker of cluster.brokers.values()) {
      expect(broker.services.metadata.topic('t')?.partitions[0]?.isr).toEqual(reordered);
    }
  }, 60_000);
});
