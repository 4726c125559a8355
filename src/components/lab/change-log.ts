/**
 * "What changed": the cluster's events (a node stopped, a new controller, the ZooKeeper leader) and
 * the partition changes seen between two statuses (leader moved, ISR shrank or grew), newest first.
 * The list is a polite live region, so a screen reader hears each change as it happens: the text
 * alternative to the picture's flashes.
 */
import type { ClusterEvent } from '../../server/runtime/cluster-runtime.ts';
import { element } from './dom.ts';
import type { PartitionChange } from './partition-table.ts';
import type { UiStrings } from './ui-strings.ts';

const KEEP = 8;

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
    }
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
