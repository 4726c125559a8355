/**
 * Producer ids for idempotent producers, unique across the cluster (Kafka's `ZkProducerIdManager`,
 * core/src/main/scala/kafka/coordinator/transaction/ProducerIdManager.scala): the broker takes a block of
 * 1000 ids by rewriting `/latest_producer_id_block` with a setData conditioned on the version it read,
 * so two brokers never get the same block (the loser re-reads and takes the next one), then hands the ids
 * out one by one. Kafka 3.9 brokers ask the controller for a block (AllocateProducerIds), which writes the
 * same znode the same way; here each broker writes it itself, as ZooKeeper-mode brokers did before IBP 3.0.
 *
 * One manager per ZooKeeper session of a broker (`producerIdManagerFor`): a restarted broker takes a new
 * block, as Kafka does.
 */
import type { Logger } from '../../logger.ts';
import { ErrorCode } from '../../zookeeper/client/index.ts';
import { isZkError } from '../zk/kafka-zk.ts';
import type { KafkaZk } from '../zk/kafka-zk.ts';
import { decodeProducerIdBlock, encodeProducerIdBlock, nextProducerIdBlock, PRODUCER_ID_BLOCK_PATH } from '../zk/producer-id-block.ts';
import type { ProducerIdBlock } from '../zk/producer-id-block.ts';

export class ProducerIdManager {
  readonly #brokerId: number;
  readonly #zk: KafkaZk;
  readonly #log: Logger;
  #next = 0n;
  #end = -1n;
  #allocating: Promise<void> | null = null;

  constructor(brokerId: number, zk: KafkaZk, logger: Logger) {
    this.#brokerId = brokerId;
    this.#zk = zk;
    this.#log = logger;
  }

  /** The next unused producer id; takes a new block from ZooKeeper when this one is used up. */
  async generateProducerId(): Promise<bigint> {
    while (this.#next > this.#end) {
      this.#allocating ??= this.#allocateBlock().finally(() => {
        this.#allocating = null;
      });
      await this.#allocating;
    }
    const id = this.#next;
    this.#next += 1n;
    return id;
  }

  /** `getNewProducerIdBlock`: read, compute the next block, write it conditionally; retry when another broker won. */
  async #allocateBlock(): Promise<void> {
    const client = this.#zk.client;
    for (;;) {
      let current: ProducerIdBlock | null = null;
      let version: number | null = null;
      try {
        const { data, stat } = await client.getData(PRODUCER_ID_BLOCK_PATH);
        current = decodeProducerIdBlock(data);
        version = stat.version;
      } catch (error) {
        if (!isZkError(error, ErrorCode.NONODE)) throw error;
      }
      const block = nextProducerIdBlock(current, this.#brokerId);
      try {
        const written = version === null
          ? (await client.create(PRODUCER_ID_BLOCK_PATH, encodeProducerIdBlock(block), 'persistent'), 0)
          : (await client.setData(PRODUCER_ID_BLOCK_PATH, encodeProducerIdBlock(block), version)).version;
        this.#next = block.blockStart;
        this.#end = block.blockEnd;
        this.#log.info('acquired new producerId block by writing to ZooKeeper', {
          blockStart: String(block.blockStart),
          blockEnd: String(block.blockEnd),
          zkVersion: written,
        });
        return;
      } catch (error) {
        if (!isZkError(error, ErrorCode.BADVERSION) && !isZkError(error, ErrorCode.NODEEXISTS)) throw error;
        this.#log.debug('another broker took a producerId block first; re-reading', {});
      }
    }
  }
}

const managers = new WeakMap<KafkaZk, ProducerIdManager>();

/** The producer id manager of the broker session that owns `zk`. */
export function producerIdManagerFor(brokerId: number, zk: KafkaZk, logger: Logger): ProducerIdManager {
  let manager = managers.get(zk);
  if (!manager) {
    manager = new ProducerIdManager(brokerId, zk, logger);
    managers.set(zk, manager);
  }
  return manager;
}
