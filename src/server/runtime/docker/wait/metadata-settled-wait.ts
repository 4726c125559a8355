/**
 * Ready when every broker answers Metadata with a leader for every partition: what a client needs before
 * its first request. Right after the brokers register (a restarted stack keeps its topics in ZooKeeper),
 * the controller is still electing leaders, and a broker answers LEADER_NOT_AVAILABLE for those partitions,
 * which makes kafkajs' `listTopics` (and a lab's first check) fail. A fresh stack has no topic at all:
 * `__consumer_offsets` (50 partitions) only appears with the first group's FindCoordinator, as in Kafka.
 */
import kafkajs from 'kafkajs';
import type { WaitStrategy } from './wait-strategy.ts';

const { Kafka, logLevel } = kafkajs;

export function metadataSettledWait(brokers: Array<{ name: string; address: string }>): WaitStrategy {
  return {
    description: `every broker (${brokers.map((broker) => broker.name).join(', ')}) to know a leader for every partition`,
    async probe() {
      for (const broker of brokers) {
        const client = new Kafka({ clientId: 'kafkalab-readiness', brokers: [broker.address], logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000, requestTimeout: 3000 });
        const admin = client.admin();
        try {
          await admin.connect();
          const { topics } = await admin.fetchTopicMetadata();
          const leaderless = topics.flatMap((topic) => topic.partitions.filter((partition) => partition.leader < 0).map((partition) => `${topic.name}-${partition.partitionId}`));
          if (leaderless.length) return { ready: false, saw: `${broker.name}: no leader yet for ${leaderless.slice(0, 3).join(', ')}${leaderless.length > 3 ? ` and ${leaderless.length - 3} more` : ''}` };
        } catch (error) {
          return { ready: false, saw: `${broker.name}: ${(error as Error).message}` };
        } finally {
          await admin.disconnect().catch(() => {});
        }
      }
      return { ready: true, saw: 'every partition has a leader' };
    },
  };
}
