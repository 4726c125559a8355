import { describeKafkaCluster, type KafkaClusterView } from '../../cluster/kafka/kafka-cluster-view.ts';
import type { LabContext, LabNodeStatus } from '../lab-context.ts';

/** Kafka as its znodes describe it now (controller, registered brokers, partition state). */
export async function kafkaView(context: LabContext): Promise<KafkaClusterView> {
  return describeKafkaCluster(await context.zookeeper());
}

/** The runtime's nodes of one kind. */
export async function nodesOf(context: LabContext, kind: LabNodeStatus['kind']): Promise<LabNodeStatus[]> {
  return (await context.cluster.status()).nodes.filter((node) => node.kind === kind);
}

/** `[1, 2, 3]` → `1, 2, 3`; `[]` → `none`. */
export function list(values: ReadonlyArray<string | number>, none = 'none'): string {
  return values.length ? values.join(', ') : none;
}
