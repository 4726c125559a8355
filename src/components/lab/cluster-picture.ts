/**
 * The live picture of the learner's cluster beside a lab: its state and controls (bring up, tear
 * down), the six node cards with their own controls, the lab's topics partition by partition, and
 * the change log. It draws every status `/api/events` sends and acts through `/api/cluster` with
 * JSON requests, the only kind the server accepts from a page.
 */
import type { ClusterEvent, ClusterStatus } from '../../server/runtime/cluster-runtime.ts';
import { ChangeLog } from './change-log.ts';
import { isAvailable, required, setAvailable } from './dom.ts';
import { ApiFailure, postJson } from './lab-api.ts';
import { NodeCards } from './node-cards.ts';
import { PartitionTables } from './partition-table.ts';
import { RuntimePanel } from './runtime-panel.ts';
import type { UiStrings } from './ui-strings.ts';

export class ClusterPicture {
  readonly #root: HTMLElement;
  readonly #strings: UiStrings;
  readonly #state: HTMLElement;
  readonly #error: HTMLElement;
  readonly #connect: HTMLElement;
  readonly #up: HTMLButtonElement;
  readonly #down: HTMLButtonElement;
  readonly #cards: NodeCards;
  readonly #partitions: PartitionTables | null;
  readonly #log: ChangeLog;
  readonly #runtime: RuntimePanel;
  #status: ClusterStatus | null = null;

  constructor(root: HTMLElement, strings: UiStrings) {
    this.#root = root;
    this.#strings = strings;
    this.#state = required(root, '[data-cluster-state]');
    this.#error = required(root, '[data-cluster-error]');
    this.#connect = required(root, '[data-cluster-connect]');
    this.#up = required(root, '[data-cluster-up]');
    this.#down = required(root, '[data-cluster-down]');
    this.#cards = new NodeCards({ zookeeper: required(root, '[data-nodes="zookeeper"]'), kafka: required(root, '[data-nodes="kafka"]') }, strings);
    const partitions = root.querySelector<HTMLElement>('[data-partitions]');
    const topics = JSON.parse(root.dataset.topics ?? '[]') as string[];
    this.#partitions = partitions && topics.length ? new PartitionTables(partitions, topics, strings) : null;
    this.#log = new ChangeLog(required(root, '[data-changes]'), required(root, '[data-changes-empty]'), strings);
    this.#runtime = new RuntimePanel(required(root, '[data-runtime-panel]'), strings, (status) => this.update(status));

    this.#up.addEventListener('click', () => this.#act(this.#up, '/api/cluster/up'));
    this.#down.addEventListener('click', () => this.#act(this.#down, '/api/cluster/down'));
    root.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (button) this.#act(button, `/api/cluster/nodes/${encodeURIComponent(button.dataset.nodeName!)}/${button.dataset.action}`);
    });
  }

  update(status: ClusterStatus): void {
    this.#status = status;
    const t = this.#strings;
    this.#root.dataset.state = status.state;
    this.#setState(t.text(`kafkalab.cluster.state.${status.state}`), status.state);
    setAvailable(this.#up, status.state === 'down' && !this.#busy(this.#up));
    setAvailable(this.#down, status.state === 'up' && !this.#busy(this.#down));
    this.#runtime.update(status);
    this.#cards.update(status);
    if (this.#partitions) this.#log.partitions(this.#partitions.update(status));
    this.#connect.hidden = status.state !== 'up';
    required(this.#connect, '[data-connect-zookeeper]').textContent = status.connections.zookeeper;
    required(this.#connect, '[data-connect-kafka]').textContent = status.connections.bootstrapServers;
  }

  event(event: ClusterEvent): void {
    this.#runtime.event(event);
    this.#log.event(event);
  }

  /** The server is gone: say so where the state shows, and make every control unavailable. */
  unreachable(): void {
    this.#root.dataset.state = 'unreachable';
    this.#setState(this.#strings.text('kafkalab.cluster.state.unreachable'), 'unreachable');
    setAvailable(this.#up, false);
    setAvailable(this.#down, false);
    this.#runtime.unreachable();
    this.#cards.unreachable();
  }

  /** The state line is a live region: it is written only when it changes, so it is read once per change. */
  #setState(text: string, state: string): void {
    if (this.#state.textContent !== text) this.#state.textContent = text;
    this.#state.dataset.state = state;
  }

  #busy(button: HTMLElement): boolean {
    return button.dataset.busy === 'true';
  }

  async #act(button: HTMLButtonElement, path: string): Promise<void> {
    if (!isAvailable(button) || this.#busy(button)) return;
    const card = button.closest<HTMLElement>('[data-node]');
    button.dataset.busy = 'true';
    if (card) card.dataset.busy = 'true';
    setAvailable(button, false);
    this.#showError(null);
    try {
      this.update(await postJson<ClusterStatus>(path));
    } catch (error) {
      this.#showError(error instanceof ApiFailure ? error.text : this.#strings.text('kafkalab.labPage.serverGone'));
    } finally {
      delete button.dataset.busy;
      if (card) delete card.dataset.busy;
      if (this.#status && this.#root.dataset.state !== 'unreachable') this.update(this.#status);
    }
  }

  #showError(text: string | null): void {
    this.#error.hidden = text === null;
    this.#error.textContent = text ?? '';
  }
}
