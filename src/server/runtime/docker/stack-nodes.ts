/**
 * Which compose services are cluster nodes, read the way the images read their environment: a service with
 * ZOOKEEPER_SERVER_ID is ZooKeeper member <id>, one with KAFKA_BROKER_ID is broker <id>. Its port, as the
 * host reaches it, is its first published port (12181, 19092). Every other service (AKHQ) is a companion
 * the page links to.
 */
import type { NodeKind } from '../cluster-runtime.ts';
import type { ComposePlan, ServicePlan } from './compose/compose-plan.ts';

export interface StackNode {
  /** The service name, which is also the node's name: `zookeeper-1`, `kafka-2`. */
  name: string;
  kind: NodeKind;
  id: number;
  hostPort: number;
  service: ServicePlan;
}

export function stackNodes(plan: ComposePlan): StackNode[] {
  const nodes: StackNode[] = [];
  for (const service of plan.services) {
    const kind: NodeKind | undefined = 'KAFKA_BROKER_ID' in service.environment ? 'kafka' : 'ZOOKEEPER_SERVER_ID' in service.environment ? 'zookeeper' : undefined;
    if (!kind) continue;
    const id = Number(kind === 'kafka' ? service.environment.KAFKA_BROKER_ID : service.environment.ZOOKEEPER_SERVER_ID);
    nodes.push({ name: service.service, kind, id, hostPort: service.ports[0]?.hostPort ?? 0, service });
  }
  // ZooKeeper members first, then brokers (as the embedded runtime lists them).
  return [...nodes.filter((node) => node.kind === 'zookeeper'), ...nodes.filter((node) => node.kind === 'kafka')];
}

/** Services that are not nodes, with a web address when they publish a port (AKHQ: http://localhost:8080). */
export function companionServices(plan: ComposePlan): Array<{ name: string; url?: string; service: ServicePlan }> {
  const nodeNames = new Set(stackNodes(plan).map((node) => node.name));
  return plan.services
    .filter((service) => !nodeNames.has(service.service))
    .map((service) => ({ name: service.service, url: service.ports[0] ? `http://localhost:${service.ports[0].hostPort}` : undefined, service }));
}

/**
 * The plan with other broker ids (a lab that runs brokers 101..103): the n-th broker service gets the n-th
 * id. Their data volumes hold the old ids' logs, which a broker with another id must not adopt (Kafka
 * refuses: InconsistentBrokerIdException), so the runtime recreates them.
 */
export function withBrokerIds(plan: ComposePlan, brokerIds: number[] | undefined): ComposePlan {
  if (!brokerIds) return plan;
  const brokers = stackNodes(plan).filter((node) => node.kind === 'kafka');
  if (brokers.length !== brokerIds.length) throw new RangeError(`the compose file has ${brokers.length} brokers, not ${brokerIds.length}`);
  const idOf = new Map(brokers.map((node, index) => [node.name, brokerIds[index]]));
  return {
    ...plan,
    services: plan.services.map((service) => {
      const id = idOf.get(service.service);
      if (id === undefined) return service;
      const environment = { ...service.environment, KAFKA_BROKER_ID: String(id) };
      const env = (service.create.Env ?? []).map((entry) => (entry.startsWith('KAFKA_BROKER_ID=') ? `KAFKA_BROKER_ID=${id}` : entry));
      return { ...service, environment, create: { ...service.create, Env: env } };
    }),
  };
}
