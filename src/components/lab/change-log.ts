/**
 * "What changed": the cluster's events (a node stopped, a new controller, the ZooKeeper leader, the
 * controller's LeaderAndIsr and StopReplica requests to brokers) and the partition changes seen between
 * two statuses (leader moved, ISR shrank or grew), newest first. UpdateMetadata requests are left out:
 * every change sends one to every broker, and the leader/ISR lines already say what they carry.
 * The list is a polite live region, so a screen reader hears each change as it happens: the text
 * alternative to the picture's flashes.
 */
import type { ClusterEvent } from '../../server/runtime/cluster-runtime.ts';
import type { ControllerRequestEvent } from '../../cluster/kafka/controller/controller-requests.ts';
import { element } from './dom.ts';
import type { PartitionChange } from './partition-table.ts';
import type { UiStrings } from './ui-strings.ts';

const KEEP = 12;
/** Partitions named in one controller-request line; the rest are counted. */
const NAMED_PARTITIONS = 3;

export class ChangeLog {
  readonly #list: HTMLElement;
  readonly #empty: HTMLElement;
  readonly #strings: UiStrings;

  constructor(list: HTMLElement, empty: HTMLElement, strings: UiStrings) {
    this.#list = list;
    this.#empty = empty;
    this.#strings = strings;
  }

  event(event: ClusterEvent): void {
    const t = this.#strings;
    switch (event.type) {
      case 'cluster-state':
        return this.#add(t.text('kafkalab.cluster.change.cluster', { state: t.text(`kafkalab.cluster.state.${event.state}`) }), `cluster-${event.state}`);
      case 'node-state':
        return this.#add(t.text('kafkalab.cluster.change.node', { node: event.node, state: t.text(`kafkalab.cluster.node.${event.state}`) }), `node-${event.state}`);
      case 'zookeeper-leader':
        return this.#add(t.text('kafkalab.cluster.change.zookeeperLeader', { node: event.node }), 'zookeeper');
      case 'zookeeper-quorum-lost':
        return this.#add(t.text('kafkalab.cluster.change.quorumLost'), 'alarm');
      case 'zookeeper-quorum-regained':
        return this.#add(t.text('kafkalab.cluster.change.quorumRegained', { node: event.leader }), 'zookeeper');
      case 'kafka-controller':
        return this.#add(t.text('kafkalab.cluster.change.controller', { id: event.brokerId }), 'controller');
      case 'kafka-controller-request':
        if (event.api !== 'UpdateMetadata') this.#add(this.#controllerRequest(event), event.outcome.ok && event.outcome.errorCode === 0 ? 'controller-request' : 'alarm');
        return;
    }
  }

  /** "Controller 2 → broker 3: LeaderAndIsr test-0 (leader 3, leader epoch 1)", with the broker's refusal if any. */
  #controllerRequest(event: ControllerRequestEvent): string {
    const t = this.#strings;
    const named = event.partitions.slice(0, NAMED_PARTITIONS).map((p) =>
      event.api === 'LeaderAndIsr'
        ? t.text('kafkalab.cluster.change.leaderAndIsrPartition', { topic: p.topic, partition: p.partition, leader: p.leader ?? -1, epoch: p.leaderEpoch })
        : t.text(p.deletePartition ? 'kafkalab.cluster.change.stopReplicaDelete' : 'kafkalab.cluster.change.stopReplicaPartition', { topic: p.topic, partition: p.partition }),
    );
    const rest = event.partitions.length - named.length;
    if (rest > 0) named.push(t.text('kafkalab.cluster.change.morePartitions', { count: rest }));
    const line = t.text('kafkalab.cluster.change.controllerRequest', { controller: event.controllerId, broker: event.broker, api: event.api, partitions: named.join(', ') });
    const { outcome } = event;
    if (!outcome.ok) return `${line}: ${t.text('kafkalab.cluster.change.requestUndelivered', { reason: outcome.failure })}`;
    if (outcome.errorCode !== 0) return `${line}: ${t.text('kafkalab.cluster.change.requestRefused', { error: outcome.error })}`;
    return line;
  }

  partitions(changes: readonly PartitionChange[]): void {
    const t = this.#strings;
    const ids = (list: readonly number[]) => (list.length ? list.join(', ') : t.text('kafkalab.cluster.none'));
    for (const change of changes) {
      if (change.kind === 'leader') {
        const name = (id: number) => (id < 0 ? t.text('kafkalab.cluster.none') : String(id));
        this.#add(t.text('kafkalab.cluster.change.leader', { topic: change.topic, partition: change.partition, from: name(change.from), to: name(change.to) }), 'leader');
      } else {
        this.#add(t.text('kafkalab.cluster.change.isr', { topic: change.topic, partition: change.partition, from: ids(change.from), to: ids(change.to) }), change.to.length < change.from.length ? 'shrink' : 'grow');
      }
    }
  }

  #add(text: string, kind: string): void {
    const now = new Date();
    const item = element('li', { 'data-kind': kind }, element('time', { datetime: now.toISOString() }, now.toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })), ' ', text);
    this.#list.prepend(item);
    while (this.#list.children.length > KEEP) this.#list.lastElementChild?.remove();
    this.#empty.hidden = true;
  }
}
