/**
 * A Kafka cluster as its ZooKeeper znodes describe it: controller, registered brokers, topics with their
 * partitions' leader/replicas/ISR/leader epoch. Reads only what Kafka itself writes, so it works on any
 * ZooKeeper-mode cluster (ours or a real one): `/api/cluster` and lab checks use it.
 */
import { ErrorCode, ZooKeeperError } from '../zookeeper/client/index.ts';
import type { ZooKeeperClient } from '../zookeeper/client/index.ts';
import { ZkPaths } from './zk/znode-paths.ts';
import { decodeBrokerRegistration, decodeController, decodePartitionState, decodeTopicAssignment } from './zk/znode-json.ts';

export interface KafkaClusterView {
  controllerId: number | null;
  /** host/port: the registration's top-level ones; listeners: every advertised listener (`EXTERNAL` -> localhost:19092). */
  brokers: Array<{ id: number; host: string; port: number; listeners: Array<{ name: string; host: string; port: number }> }>;
  topics: Array<{
    name: string;
    partitions: Array<{ partition: number; leader: number; replicas: number[]; isr: number[]; leaderEpoch: number }>;
  }>;
}

function isNoNode(error: unknown): boolean {
  return error instanceof ZooKeeperError && error.code === ErrorCode.NONODE;
}

async function children(zk: ZooKeeperClient, path: string): Promise<string[]> {
  try {
    return await zk.getChildren(path);
  } catch (error) {
    if (isNoNode(error)) return [];
    throw error;
  }
}

async function data(zk: ZooKeeperClient, path: string): Promise<Uint8Array | null> {
  try {
    return (await zk.getData(path)).data;
  } catch (error) {
    if (isNoNode(error)) return null;
    throw error;
  }
}

export async function describeKafkaCluster(zk: ZooKeeperClient): Promise<KafkaClusterView> {
  const controllerData = await data(zk, ZkPaths.controller);
  const controllerId = controllerData ? decodeController(ZkPaths.controller, controllerData) : null;

  const brokerIds = (await children(zk, ZkPaths.brokerIds)).map(Number).filter(Number.isInteger).sort((a, b) => a - b);
  const brokers = (
    await Promise.all(
      brokerIds.map(async (id) => {
        const raw = await data(zk, ZkPaths.brokerId(id));
        if (!raw) return null;
        const registration = decodeBrokerRegistration(id, ZkPaths.brokerId(id), raw);
        const listeners = registration.listeners.map((endpoint) => ({ name: endpoint.listener, host: endpoint.host, port: endpoint.port }));
        return { id, host: registration.host, port: registration.port, listeners };
      }),
    )
  ).filter((b): b is KafkaClusterView['brokers'][number] => b !== null);

  const names = (await children(zk, ZkPaths.topics)).sort();
  const topics = (
    await Promise.all(
      names.map(async (name) => {
        const raw = await data(zk, ZkPaths.topic(name));
        if (!raw) return null;
        const assignment = decodeTopicAssignment(ZkPaths.topic(name), raw);
        const partitions = await Promise.all(
          [...assignment.partitions].sort((a, b) => a[0] - b[0]).map(async ([partition, replicas]) => {
            const stateData = await data(zk, ZkPaths.partitionState(name, partition));
            const state = stateData ? decodePartitionState(ZkPaths.partitionState(name, partition), stateData) : null;
            return { partition, leader: state?.leader ?? -1, replicas, isr: state?.isr ?? [], leaderEpoch: state?.leaderEpoch ?? -1 };
          }),
        );
        return { name, partitions };
      }),
    )
  ).filter((t): t is KafkaClusterView['topics'][number] => t !== null);

  return { controllerId, brokers, topics };
}
