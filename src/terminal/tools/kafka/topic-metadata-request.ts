/**
 * Metadata requests for the topics a Java producer or consumer works with, and only those (the Java
 * clients never ask for every topic; kafkajs does whenever it keeps no topic, since it sends an
 * empty list as null). The topics become the kafkajs cluster's target topics, so kafkajs learns the
 * brokers from the same answers. The partitions are read through the console client's tap
 * (`ConsoleClient#partitions`): kafkajs rejects an answer with any partition error, the Java client
 * does not.
 */
import { KAFKA_ERRORS } from '../../../cluster/kafka/protocol/index.ts';
import { kafkajsErrorCode } from './kafka-error-exceptions.ts';
import type { KafkajsCluster } from './kafkajs-client-cluster.ts';

/** kafkajs forgets a target topic after these answers (`addMultipleTargetTopics`). */
const FORGOTTEN_AFTER = new Set([KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code, KAFKA_ERRORS.INVALID_TOPIC_EXCEPTION.code, KAFKA_ERRORS.TOPIC_AUTHORIZATION_FAILED.code]);

export class TopicMetadataRequests {
  readonly #cluster: KafkajsCluster;
  readonly #targets = new Set<string>();

  constructor(cluster: KafkajsCluster) {
    this.#cluster = cluster;
  }

  /** One Metadata request for `topics` (connecting first). Resolves true when a broker answered. */
  async request(topics: readonly string[]): Promise<boolean> {
    try {
      if (!this.#cluster.isConnected()) await this.#cluster.connect();
      const fresh = topics.filter((topic) => !this.#targets.has(topic));
      for (const topic of fresh) this.#targets.add(topic);
      // A new target topic makes kafkajs refresh by itself; otherwise ask again.
      if (fresh.length > 0) for (const topic of fresh) await this.#cluster.addTargetTopic(topic);
      else await this.#cluster.refreshMetadata();
      return true;
    } catch (error) {
      const answer = kafkajsErrorCode(error);
      if (answer && FORGOTTEN_AFTER.has(answer)) for (const topic of topics) this.#targets.delete(topic);
      return answer !== undefined;
    }
  }
}
