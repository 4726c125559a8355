/**
 * The runtime line of the cluster picture: names the runtime that runs the cluster, offers the switch
 * to the other one when the server has both (`GET /api/runtime`; a server that runs one runtime lists
 * only it, and the line then only names it), draws one progress bar per image being pulled, says why a
 * pull failed and what to do, and links to AKHQ when the status lists it.
 */
import type { ClusterEvent, ClusterStatus, RuntimeKind } from '../../server/runtime/cluster-runtime.ts';
import type { RuntimeView } from '../../server/runtime/runtime-switch.ts';
import { element, isAvailable, required, setAvailable } from './dom.ts';
import { ApiFailure, getJson, postJson } from './lab-api.ts';
import type { UiStrings } from './ui-strings.ts';

interface Pull {
  item: HTMLLIElement;
  label: HTMLElement;
  bar: HTMLProgressElement;
}

export class RuntimePanel {
  readonly #strings: UiStrings;
  readonly #name: HTMLElement;
  readonly #switch: HTMLButtonElement;
  readonly #services: HTMLElement;
  readonly #pulls: HTMLElement;
  readonly #error: HTMLElement;
  readonly #onStatus: (status: ClusterStatus) => void;
  readonly #pulling = new Map<string, Pull>();
  readonly #megabytes: Intl.NumberFormat;
  /** What the server can run; `null` until fetched, and again after the server was gone (it may have restarted). */
  #view: RuntimeView | null = null;
  #fetching = false;
  #status: ClusterStatus | null = null;
  #switching = false;

  /** `onStatus`: the status a switch answered with, for the rest of the picture. */
  constructor(root: HTMLElement, strings: UiStrings, onStatus: (status: ClusterStatus) => void) {
    this.#strings = strings;
    this.#onStatus = onStatus;
    this.#name = required(root, '[data-runtime-name]');
    this.#switch = required(root, '[data-runtime-switch]');
    this.#services = required(root, '[data-runtime-services]');
    this.#pulls = required(root, '[data-image-pulls]');
    this.#error = required(root, '[data-runtime-error]');
    this.#megabytes = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
    this.#switch.addEventListener('click', () => void this.#switchRuntime());
  }

  update(status: ClusterStatus): void {
    this.#status = status;
    // Another tab may have switched, or the server restarted: the view is asked for again.
    if (!this.#view || this.#view.current !== status.runtime) void this.#fetchView();
    this.#draw(status);
  }

  #draw(status: ClusterStatus): void {
    const t = this.#strings;
    const engine = status.engine ?? (status.runtime === 'docker' ? this.#view?.engine : undefined);
    const name = status.runtime === 'embedded' ? t.text('kafkalab.cluster.runtime.embedded') : engine ? t.text('kafkalab.cluster.runtime.docker', { engine: `${engine.name} ${engine.version}` }) : t.text('kafkalab.cluster.runtime.dockerNoEngine');
    if (this.#name.textContent !== name) this.#name.textContent = name;
    this.#name.dataset.runtime = status.runtime;
    this.#drawServices(status);
    this.#drawSwitch();
  }

  event(event: ClusterEvent): void {
    if (event.type === 'image-pull') this.#pullProgress(event);
    else if (event.type === 'image-pull-failed') {
      this.#pullDone(event.image);
      this.#showError(this.#strings.text('kafkalab.cluster.runtime.pullFailed', { image: event.image, message: event.message.replace(/\.$/, ''), hint: event.hint }));
    }
  }

  /** The server is gone: no switching; what it can run is asked again once it is back. */
  unreachable(): void {
    this.#view = null;
    setAvailable(this.#switch, false);
    for (const image of [...this.#pulling.keys()]) this.#pullDone(image);
  }

  async #fetchView(): Promise<void> {
    if (this.#fetching) return;
    this.#fetching = true;
    try {
      this.#view = await getJson<RuntimeView>('/api/runtime');
    } catch (error) {
      // 404: a server from before the switch (one runtime); anything else: the next status asks again.
      if (error instanceof ApiFailure && error.status === 404) this.#view = { current: this.#status?.runtime ?? 'embedded', available: [] };
    } finally {
      this.#fetching = false;
    }
    if (this.#status) this.#draw(this.#status);
  }

  /** The other runtime, when the server can run it. */
  #other(): RuntimeKind | null {
    const status = this.#status;
    if (!status || !this.#view) return null;
    const other = this.#view.available.find((option) => option.kind !== status.runtime && option.available);
    return other?.kind ?? null;
  }

  #drawSwitch(): void {
    const other = this.#other();
    this.#switch.hidden = other === null;
    if (other === null) return;
    const t = this.#strings;
    const label = this.#switching ? t.text('kafkalab.cluster.runtime.switching') : t.text(`kafkalab.cluster.runtime.switchTo.${other}`);
    if (this.#switch.textContent !== label) this.#switch.textContent = label;
    this.#switch.title = t.text('kafkalab.cluster.runtime.switchHelp');
    this.#switch.dataset.kind = other;
    const settled = this.#status?.state === 'up' || this.#status?.state === 'down';
    setAvailable(this.#switch, settled && !this.#switching);
  }

  async #switchRuntime(): Promise<void> {
    const kind = this.#switch.dataset.kind as RuntimeKind | undefined;
    if (!kind || !isAvailable(this.#switch) || this.#switching) return;
    this.#switching = true;
    this.#showError(null);
    this.#drawSwitch();
    try {
      const status = await postJson<ClusterStatus>('/api/runtime', { kind });
      this.#view = null;
      this.#onStatus(status);
    } catch (error) {
      this.#showError(error instanceof ApiFailure ? error.text : this.#strings.text('kafkalab.labPage.serverGone'));
    } finally {
      this.#switching = false;
      this.#drawSwitch();
    }
  }

  #drawServices(status: ClusterStatus): void {
    const services = status.state === 'up' ? (status.services ?? []) : [];
    const key = JSON.stringify(services);
    if (this.#services.dataset.shown === key) return;
    this.#services.dataset.shown = key;
    this.#services.replaceChildren(
      ...services.map((service) => element('a', { href: service.url, target: '_blank', rel: 'noopener noreferrer', 'data-service': service.name }, this.#strings.text('kafkalab.cluster.runtime.service', { name: service.name }))),
    );
  }

  #pullProgress(event: Extract<ClusterEvent, { type: 'image-pull' }>): void {
    if (event.done) return this.#pullDone(event.image);
    this.#showError(null);
    let pull = this.#pulling.get(event.image);
    if (!pull) {
      const label = element('span', { class: 'cp-runtime-pull-label' });
      const bar = element('progress', { 'aria-label': this.#strings.text('kafkalab.cluster.runtime.pullLabel', { image: event.image }) });
      pull = { item: element('li', { 'data-image': event.image }, label, bar), label, bar };
      this.#pulling.set(event.image, pull);
      this.#pulls.append(pull.item);
    }
    const t = this.#strings;
    const mb = (bytes: number) => this.#megabytes.format(bytes / 1_000_000);
    if (event.totalBytes > 0) {
      pull.bar.max = event.totalBytes;
      pull.bar.value = Math.min(event.currentBytes, event.totalBytes);
      pull.label.textContent = t.text('kafkalab.cluster.runtime.pulling', { image: event.image, current: mb(event.currentBytes), total: mb(event.totalBytes) });
    } else {
      // No layer has said its size yet: an indeterminate bar.
      pull.bar.removeAttribute('value');
      pull.label.textContent = t.text('kafkalab.cluster.runtime.pullingUnknown', { image: event.image });
    }
  }

  #pullDone(image: string): void {
    this.#pulling.get(image)?.item.remove();
    this.#pulling.delete(image);
  }

  #showError(text: string | null): void {
    this.#error.hidden = text === null;
    this.#error.textContent = text ?? '';
  }
}
