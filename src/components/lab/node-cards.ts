/**
 * The cluster's six nodes as cards: a ZooKeeper member shows its quorum mode, a broker its id and
 * whether it is the controller; stopped nodes are greyed. Each card carries the node's controls
 * (stop, kill / start). Cards are made once per node and updated in place, so a keyboard user's focus
 * survives every status update.
 */
import type { ClusterNodeStatus, ClusterStatus } from '../../server/runtime/cluster-runtime.ts';
import { element, hideKeepingFocus, setAvailable } from './dom.ts';
import type { UiStrings } from './ui-strings.ts';

const ACTIONS = ['stop', 'kill', 'start'] as const;
export type NodeControl = (typeof ACTIONS)[number];

interface Card {
  item: HTMLLIElement;
  role: HTMLElement;
  meta: HTMLElement;
  buttons: Record<NodeControl, HTMLButtonElement>;
}

export class NodeCards {
  readonly #lists: Record<ClusterNodeStatus['kind'], HTMLElement>;
  readonly #strings: UiStrings;
  readonly #cards = new Map<string, Card>();

  constructor(lists: Record<ClusterNodeStatus['kind'], HTMLElement>, strings: UiStrings) {
    this.#lists = lists;
    this.#strings = strings;
  }

  update(status: ClusterStatus): void {
    for (const node of status.nodes) this.#updateCard(this.#card(node), node, status.state === 'up', status.capabilities?.nodeActions ?? ACTIONS);
  }

  /** Without a server every control is unavailable; the cards keep the last state they saw. */
  unreachable(): void {
    for (const card of this.#cards.values()) for (const button of Object.values(card.buttons)) setAvailable(button, false);
  }

  #card(node: ClusterNodeStatus): Card {
    const known = this.#cards.get(node.name);
    if (known) return known;
    const t = this.#strings;
    const role = element('span', { class: 'cp-node-role-text' });
    const meta = element('span', { class: 'cp-node-meta' });
    const buttons = Object.fromEntries(
      ACTIONS.map((action) => [
        action,
        element(
          'button',
          { type: 'button', class: `cp-button cp-button-${action}`, 'data-action': action, 'data-node-name': node.name, 'aria-label': t.text(`kafkalab.cluster.actionLabel.${action}`, { node: node.name }) },
          t.text(`kafkalab.cluster.action.${action}`),
        ),
      ]),
    ) as Record<NodeControl, HTMLButtonElement>;
    const item = element(
      'li',
      { class: 'cp-node', 'data-node': node.name, 'data-kind': node.kind },
      element('span', { class: 'cp-node-head' }, element('strong', { class: 'cp-node-name' }, node.name)),
      element('span', { class: 'cp-node-role' }, element('span', { class: 'cp-node-dot', 'aria-hidden': 'true' }), role),
      meta,
      element('span', { class: 'cp-node-actions' }, ...ACTIONS.map((action) => buttons[action])),
    );
    this.#insertInOrder(this.#lists[node.kind], item, node.name);
    const card = { item, role, meta, buttons };
    this.#cards.set(node.name, card);
    return card;
  }

  #insertInOrder(list: HTMLElement, item: HTMLLIElement, name: string): void {
    const after = [...list.children].find((other) => (other as HTMLElement).dataset.node! > name);
    list.insertBefore(item, after ?? null);
  }

  /** `can`: the actions the runtime can do; the others are not offered (the Docker runtime cannot isolate). */
  #updateCard(card: Card, node: ClusterNodeStatus, clusterUp: boolean, can: readonly string[]): void {
    const t = this.#strings;
    const running = node.state !== 'stopped';
    card.item.dataset.state = node.state;
    card.item.dataset.controller = String(node.kind === 'kafka' && running && node.controller === true);
    if (node.kind === 'zookeeper') {
      const mode = node.mode ?? (running ? 'looking' : 'stopped');
      card.item.dataset.mode = mode;
      card.role.textContent = node.state === 'isolated' ? `${t.text(`kafkalab.cluster.mode.${mode}`)} · ${t.text('kafkalab.cluster.node.isolated')}` : t.text(`kafkalab.cluster.mode.${mode}`);
    } else {
      const words = [node.state === 'running' ? null : t.text(`kafkalab.cluster.node.${node.state}`), card.item.dataset.controller === 'true' ? t.text('kafkalab.cluster.controller') : null];
      card.role.textContent = words.filter((word) => word !== null).join(' · ') || t.text('kafkalab.cluster.node.running');
    }
    const id = node.kind === 'kafka' ? t.text('kafkalab.cluster.brokerId', { id: node.id }) : t.text('kafkalab.cluster.myid', { id: node.id });
    // Port 0 means "a free port, picked at start": nothing to show until the node listens.
    card.meta.textContent = node.port > 0 ? `${id} · :${node.port}` : id;

    // Stop and kill for a running node, start for a stopped one; the focus follows to the button shown.
    const { stop, kill, start } = card.buttons;
    if (running) {
      stop.hidden = kill.hidden = false;
      hideKeepingFocus(start, stop);
    } else {
      start.hidden = false;
      hideKeepingFocus(stop, start);
      hideKeepingFocus(kill, start);
    }
    for (const action of ACTIONS) if (!can.includes(action)) hideKeepingFocus(card.buttons[action], null);
    for (const button of [stop, kill, start]) setAvailable(button, clusterUp && card.item.dataset.busy !== 'true');
  }
}
