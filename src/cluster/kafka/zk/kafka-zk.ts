/**
 * The ZooKeeper operations a Kafka broker performs, over our `ZooKeeperClient` (Kafka's `KafkaZkClient`):
 * top-level paths, cluster id, broker registration, controller election, partition state writes guarded
 * by the controller epoch, topic creation and deletion. Works against any ZooKeeper 3.5+ ensemble.
 */
import type { Logger } from '../../logger.ts';
import { ErrorCode, ZooKeeperError, ZooKeeperMultiError } from '../../zookeeper/client/index.ts';
import type { MultiOp, Stat, Watcher, ZooKeeperClient } from '../../zookeeper/client/index.ts';
import { persistentZkPaths, ZkPaths } from './znode-paths.ts';
import {
  decodeClusterId,
  decodeController,
  decodeControllerEpoch,
  encodeBrokerRegistration,
  encodeClusterId,
  encodeConfigChange,
  encodeController,
  encodeControllerEpoch,
  encodeEntityConfig,
  encodePartitionState,
  encodeTopicAssignment,
  randomBase64Uuid,
} from './znode-json.ts';
import type { PartitionState, RegisteredEndpoint, TopicAssignment } from './znode-json.ts';

export function isZkError(error: unknown, code: number): boolean {
  return error instanceof ZooKeeperError && error.code === code;
}

/** The epoch of the active controller and the dataVersion of `/controller_epoch` that guards its writes. */
export interface ControllerEpoch {
  epoch: number;
  epochZkVersion: number;
}

export class KafkaZk {
  readonly client: ZooKeeperClient;
  readonly #log: Logger;

  constructor(client: ZooKeeperClient, logger: Logger) {
    this.client = client;
    this.#log = logger;
  }

  /** `createTopLevelPaths`: every persistent path Kafka expects, null data, existing ones kept. */
  async createTopLevelPaths(): Promise<void> {
    await Promise.all(persistentZkPaths.map((path) => this.#ensurePath(path)));
  }

  /** `/cluster/id`: created with a fresh id unless one exists (the existing one wins). */
  async getOrCreateClusterId(): Promise<string> {
    try {
      const { data } = await this.client.getData(ZkPaths.clusterId);
      return decodeClusterId(ZkPaths.clusterId, data);
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
    }
    await this.#ensurePath('/cluster');
    try {
      await this.client.create(ZkPaths.clusterId, encodeClusterId(randomBase64Uuid()), 'persistent');
    } catch (error) {
      if (!isZkError(error, ErrorCode.NODEEXISTS)) throw error;
    }
    const { data } = await this.client.getData(ZkPaths.clusterId);
    return decodeClusterId(ZkPaths.clusterId, data);
  }

  /**
   * `registerBroker` = `checkedEphemeralCreate`: one multi creating the ephemeral `/brokers/ids/<id>` and
   * setting its JSON (so its dataVersion is 1, as on a real cluster). A node left by an earlier session of
   * this broker id is waited out (a killed broker's session still has to expire). Returns the znode's czxid,
   * Kafka's broker epoch.
   */
  async registerBroker(
    registration: { id: number; listeners: RegisteredEndpoint[]; rack: string | null },
    waitForStaleMs: number,
    isCancelled: () => boolean = () => false,
  ): Promise<bigint> {
    const path = ZkPaths.brokerId(registration.id);
    const deadline = Date.now() + waitForStaleMs;
    let warned = false;
    for (;;) {
      const data = encodeBrokerRegistration({ ...registration, timestamp: Date.now() });
      try {
        await this.client.multi([
          { type: 'create', path, mode: 'ephemeral' },
          { type: 'setData', path, data, version: 0 },
        ]);
        const stat = await this.client.exists(path);
        return stat?.czxid ?? 0n;
      } catch (error) {
        if (!isZkError(error, ErrorCode.NODEEXISTS)) throw error;
      }
      const stat = await this.client.exists(path);
      if (stat && stat.ephemeralOwner === this.client.sessionId) {
        await this.client.delete(path).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline || isCancelled()) {
        throw new Error(
          `broker id ${registration.id} is already registered in ZooKeeper (${path}) by another session. ` +
            'Is another broker with this id running? Stop it, or wait for its ZooKeeper session to expire.',
        );
      }
      if (!warned) {
        this.#log.info('waiting for the previous session of this broker id to expire', { path });
        warned = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The broker id in `/controller` (watching it when `watch` is given), or null when there is none. */
  async readController(watch?: Watcher): Promise<number | null> {
    try {
      const { data } = await this.client.getData(ZkPaths.controller, watch);
      return decodeController(ZkPaths.controller, data);
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
    }
    // Not there: leave an exists watch so its creation is seen.
    const stat = await this.client.exists(ZkPaths.controller, watch);
    if (stat) return this.readController();
    return null;
  }

  /**
   * `registerControllerAndIncrementControllerEpoch`: one multi creating the ephemeral `/controller` and
   * bumping `/controller_epoch` at its read version. Returns the new epoch, or null when another broker won.
   */
  async tryBecomeController(brokerId: number): Promise<ControllerEpoch | null> {
    let current: { epoch: number; version: number };
    try {
      const { data, stat } = await this.client.getData(ZkPaths.controllerEpoch);
      current = { epoch: decodeControllerEpoch(ZkPaths.controllerEpoch, data), version: stat.version };
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
      try {
        await this.client.create(ZkPaths.controllerEpoch, encodeControllerEpoch(0), 'persistent');
      } catch (createError) {
        if (!isZkError(createError, ErrorCode.NODEEXISTS)) throw createError;
      }
      return this.tryBecomeController(brokerId);
    }
    const epoch = current.epoch + 1;
    try {
      const results = await this.client.multi([
        { type: 'create', path: ZkPaths.controller, data: encodeController(brokerId, Date.now()), mode: 'ephemeral' },
        { type: 'setData', path: ZkPaths.controllerEpoch, data: encodeControllerEpoch(epoch), version: current.version },
      ]);
      const set = results[1];
      const epochZkVersion = set.type === 'setData' ? set.stat.version : current.version + 1;
      return { epoch, epochZkVersion };
    } catch (error) {
      if (isZkError(error, ErrorCode.NODEEXISTS) || isZkError(error, ErrorCode.BADVERSION)) return null;
      throw error;
    }
  }

  /** Deletes `/controller` if this session owns it (a controller resigning on shutdown). */
  async resignController(): Promise<void> {
    const stat = await this.client.exists(ZkPaths.controller).catch(() => null);
    if (stat && stat.ephemeralOwner === this.client.sessionId) await this.client.delete(ZkPaths.controller, stat.version).catch(() => undefined);
  }

  /**
   * A controller write: the ops run only if `/controller_epoch` is still at `epochZkVersion` (a zombie
   * controller's writes fail). Throws `ZooKeeperMultiError`; `failedIndex` 0 means the epoch moved on.
   */
  async controllerMulti(epochZkVersion: number, ops: MultiOp[]): Promise<Stat[]> {
    const results = await this.client.multi([{ type: 'check', path: ZkPaths.controllerEpoch, version: epochZkVersion }, ...ops]);
    return results.flatMap((result) => (result.type === 'setData' ? [result.stat] : []));
  }

  /** Creates the state znode of a new partition (and its parents) in one controller multi. */
  async createPartitionState(epochZkVersion: number, topic: string, partition: number, state: PartitionState): Promise<void> {
    for (const path of [ZkPaths.partitions(topic), ZkPaths.partition(topic, partition)]) {
      try {
        await this.client.create(path, undefined, 'persistent');
      } catch (error) {
        if (!isZkError(error, ErrorCode.NODEEXISTS)) throw error;
      }
    }
    await this.controllerMulti(epochZkVersion, [
      { type: 'create', path: ZkPaths.partitionState(topic, partition), data: encodePartitionState(state), mode: 'persistent' },
    ]);
  }

  /** Rewrites a partition state as the controller; returns the znode's new dataVersion. */
  async updatePartitionStateAsController(
    epochZkVersion: number,
    topic: string,
    partition: number,
    state: PartitionState,
    expectedVersion: number,
  ): Promise<number> {
    const [stat] = await this.controllerMulti(epochZkVersion, [
      { type: 'setData', path: ZkPaths.partitionState(topic, partition), data: encodePartitionState(state), version: expectedVersion },
    ]);
    return stat.version;
  }

  /**
   * `AdminZkClient.createTopicWithAssignment`: `/config/topics/<t>` first, then `/brokers/topics/<t>`.
   * Throws NODEEXISTS when the topic exists.
   */
  async createTopic(topic: string, assignment: Map<number, number[]>, config: Record<string, string>): Promise<string> {
    const topicId = randomBase64Uuid();
    const configPath = ZkPaths.topicConfig(topic);
    try {
      await this.client.create(configPath, encodeEntityConfig(config), 'persistent');
    } catch (error) {
      if (!isZkError(error, ErrorCode.NODEEXISTS)) throw error;
      await this.client.setData(configPath, encodeEntityConfig(config));
    }
    const assignmentData: TopicAssignment = { partitions: assignment, topicId };
    await this.client.create(ZkPaths.topic(topic), encodeTopicAssignment(assignmentData), 'persistent');
    return topicId;
  }

  /** CreatePartitions: rewrites the assignment with the added partitions (conditional on its version). */
  async updateTopicAssignment(topic: string, assignment: TopicAssignment, expectedVersion: number): Promise<void> {
    await this.client.setData(ZkPaths.topic(topic), encodeTopicAssignment(assignment), expectedVersion);
  }

  /** AlterConfigs on a topic: rewrites `/config/topics/<t>` and leaves a change notification, as Kafka. */
  async setTopicConfig(topic: string, config: Record<string, string>): Promise<void> {
    await this.client.setData(ZkPaths.topicConfig(topic), encodeEntityConfig(config)).catch(async (error: unknown) => {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
      await this.client.create(ZkPaths.topicConfig(topic), encodeEntityConfig(config), 'persistent');
    });
    await this.client
      .create(`${ZkPaths.configChanges}/config_change_`, encodeConfigChange(`topics/${topic}`), 'persistent-sequential')
      .catch(() => undefined);
  }

  /** DeleteTopics: queues the topic under `/admin/delete_topics` for the controller. */
  async requestTopicDeletion(topic: string): Promise<void> {
    try {
      await this.client.create(ZkPaths.deleteTopic(topic), undefined, 'persistent');
    } catch (error) {
      if (!isZkError(error, ErrorCode.NODEEXISTS)) throw error;
    }
  }

  /**
   * The controller's part of a deletion: the topic's znodes, its config and the deletion request, in one
   * multi (children first), so nobody sees a half-deleted topic.
   */
  async deleteTopicZnodes(topic: string): Promise<void> {
    const paths: string[] = [];
    const collect = async (path: string): Promise<void> => {
      let names: string[];
      try {
        names = await this.client.getChildren(path);
      } catch (error) {
        if (isZkError(error, ErrorCode.NONODE)) return;
        throw error;
      }
      for (const name of names) await collect(`${path}/${name}`);
      paths.push(path);
    };
    await collect(ZkPaths.topic(topic));
    const extra = [ZkPaths.topicConfig(topic), ZkPaths.deleteTopic(topic)];
    const present = await Promise.all(extra.map((path) => this.client.exists(path)));
    extra.forEach((path, i) => {
      if (present[i]) paths.push(path);
    });
    try {
      await this.client.multi(paths.map((path) => ({ type: 'delete' as const, path })));
    } catch (error) {
      if (!(error instanceof ZooKeeperMultiError)) throw error;
      // Something changed meanwhile: delete what is left one by one.
      await this.deleteRecursive(ZkPaths.topic(topic));
      for (const path of extra) await this.client.delete(path).catch(() => undefined);
    }
  }

  async deleteRecursive(path: string): Promise<void> {
    let children: string[];
    try {
      children = await this.client.getChildren(path);
    } catch (error) {
      if (isZkError(error, ErrorCode.NONODE)) return;
      throw error;
    }
    await Promise.all(children.map((child) => this.deleteRecursive(`${path}/${child}`)));
    try {
      await this.client.delete(path);
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
    }
  }

  async #ensurePath(path: string): Promise<void> {
    try {
      await this.client.mkdirp(path);
    } catch (error) {
      if (!isZkError(error, ErrorCode.NODEEXISTS)) throw error;
    }
  }
}

export { ZooKeeperMultiError };
