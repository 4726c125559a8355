/**
 * The lab's topics, one table each: a row per partition, a column per broker, and in each cell that
 * broker's part in the partition (leader, in sync, out of sync, or not a replica), plus the leader
 * epoch. It is a real table, so screen readers read it cell by cell; when leadership moves, the new
 * leader's cell flashes (not with reduced motion) and the change is reported for the change log.
 */
import type { ClusterStatus, PartitionStatus } from '../../server/runtime/cluster-runtime.ts';
import { element, prefersReducedMotion } from './dom.ts';
import type { UiStrings } from './ui-strings.ts';

export type PartitionChange =
  | { kind: 'leader'; topic: string; partition: number; from: number; to: number }
  | { kind: 'isr'; topic: string; partition: number; from: number[]; to: number[] };

type ReplicaRole = 'leader' | 'inSync' | 'outOfSync' | 'none';

const HIGHLIGHT_MS = 1_600;

export class PartitionTables {
  readonly #root: HTMLElement;
  readonly #topics: readonly string[];
  readonly #strings: UiStrings;
  /** The partitions as last seen, `topic/partition` → state; empty while the cluster is down. */
  #seen = new Map<string, PartitionStatus>();
  /** Cells flashing after a change, `topic/partition/broker` → since when; tables are redrawn, flashes carry over. */
  readonly #flashes = new Map<string, { className: string; since: number }>();

  constructor(root: HTMLElement, topics: readonly string[], strings: UiStrings) {
    this.#root = root;
    this.#topics = topics;
    this.#strings = strings;
  }

  /** Redraws the tables and returns what changed since the last status. */
  update(status: ClusterStatus): PartitionChange[] {
    const t = this.#strings;
    if (status.state !== 'up' || !status.kafka) {
      this.#seen.clear();
      this.#root.replaceChildren(element('p', { class: 'cp-note' }, t.text('kafkalab.cluster.partitionsWhenUp', { topics: this.#topics.join(', ') })));
      return [];
    }
    const brokers = status.nodes.filter((node) => node.kind === 'kafka').map((node) => ({ id: node.id, name: node.name, state: node.state }));
    const changes: PartitionChange[] = [];
    const seen = new Map<string, PartitionStatus>();
    const blocks = this.#topics.map((topic) => {
      const partitions = status.kafka?.topics.find((candidate) => candidate.name === topic)?.partitions;
      if (!partitions) return element('p', { class: 'cp-note', 'data-topic': topic }, t.text('kafkalab.cluster.topicMissing', { topic }));
      const rows = [...partitions]
        .sort((a, b) => a.partition - b.partition)
        .map((partition) => {
          const key = `${topic}/${partition.partition}`;
          const before = this.#seen.get(key);
          seen.set(key, partition);
          const moved = before !== undefined && before.leader !== partition.leader;
          if (moved) changes.push({ kind: 'leader', topic, partition: partition.partition, from: before.leader, to: partition.leader });
          if (before && !sameMembers(before.isr, partition.isr)) changes.push({ kind: 'isr', topic, partition: partition.partition, from: before.isr, to: partition.isr });
          return this.#row(topic, partition, brokers, before, moved);
        });
      return element(
        'table',
        { class: 'cp-partitions', 'data-topic': topic },
        element('caption', {}, t.text('kafkalab.cluster.topic', { topic })),
        element(
          'thead',
          {},
          element(
            'tr',
            {},
            element('th', { scope: 'col' }, t.text('kafkalab.cluster.partition')),
            ...brokers.map((broker) =>
              element('th', { scope: 'col', 'data-broker': String(broker.id), 'data-node-state': broker.state }, String(broker.id), element('span', { class: 'cp-col-node' }, broker.name)),
            ),
            element('th', { scope: 'col', class: 'cp-epoch' }, t.text('kafkalab.cluster.epoch')),
          ),
        ),
        element('tbody', {}, ...rows),
      );
    });
    this.#seen = seen;
    this.#root.replaceChildren(...blocks);
    return changes;
  }

  #row(topic: string, partition: PartitionStatus, brokers: Array<{ id: number; name: string; state: string }>, before: PartitionStatus | undefined, moved: boolean): HTMLTableRowElement {
    const t = this.#strings;
    const offline = partition.leader < 0 || !brokers.some((broker) => broker.id === partition.leader);
    const cells = brokers.map((broker) => {
      const role = roleOf(partition, broker.id);
      const changed = before !== undefined && roleOf(before, broker.id) !== role;
      const cell = element(
        'td',
        { 'data-broker': String(broker.id), 'data-role': role, 'data-node-state': broker.state },
        element('span', { class: 'cp-replica' }, t.text(`kafkalab.cluster.replica.${role}`)),
      );
      const key = `${topic}/${partition.partition}/${broker.id}`;
      if (changed) this.#flashes.set(key, { className: role === 'leader' && moved ? 'cp-moved' : 'cp-changed', since: Date.now() });
      this.#flash(cell, key);
      return cell;
    });
    const heading = element('th', { scope: 'row' }, String(partition.partition));
    if (offline) heading.append(element('span', { class: 'cp-offline' }, t.text('kafkalab.cluster.noLeader')));
    return element(
      'tr',
      {
        'data-partition': String(partition.partition),
        'data-topic': topic,
        'data-leader': String(partition.leader),
        'data-isr': partition.isr.join(','),
        'data-replicas': partition.replicas.join(','),
        ...(offline ? { 'data-offline': 'true' } : {}),
      },
      heading,
      ...cells,
      element('td', { class: 'cp-epoch' }, String(partition.leaderEpoch)),
    );
  }

  /** A changed cell flashes for a moment; redrawn mid-flash, the animation resumes where it was. */
  #flash(cell: HTMLElement, key: string): void {
    const flash = this.#flashes.get(key);
    if (!flash) return;
    const elapsed = Date.now() - flash.since;
    if (elapsed >= HIGHLIGHT_MS) {
      this.#flashes.delete(key);
      return;
    }
    cell.classList.add(flash.className);
    if (prefersReducedMotion()) cell.classList.add('cp-still');
    else cell.style.setProperty('--cp-flash-delay', `-${elapsed}ms`);
    setTimeout(() => cell.classList.remove(flash.className, 'cp-still'), HIGHLIGHT_MS - elapsed);
  }
}

function roleOf(partition: PartitionStatus, brokerId: number): ReplicaRole {
  if (!partition.replicas.includes(brokerId)) return 'none';
  if (partition.leader === brokerId) return 'leader';
  return partition.isr.includes(brokerId) ? 'inSync' : 'outOfSync';
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
