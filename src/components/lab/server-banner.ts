/**
 * The notice a page shows while the kafkalab server cannot be reached. The message is an alert,
 * announced once when it appears; when the page tries again is a plain line beside it.
 */
import { required } from './dom.ts';
import type { UiStrings } from './ui-strings.ts';

export class ServerBanner {
  readonly #banner: HTMLElement;
  readonly #message: HTMLElement;
  readonly #retry: HTMLElement;
  readonly #strings: UiStrings;

  constructor(banner: HTMLElement, strings: UiStrings) {
    this.#banner = banner;
    this.#message = required(banner, '[data-server-banner-message]');
    this.#retry = required(banner, '[data-server-banner-retry]');
    this.#strings = strings;
  }

  show(retryInMs?: number): void {
    const t = this.#strings;
    if (this.#banner.hidden) {
      this.#banner.hidden = false;
      this.#message.textContent = t.text('kafkalab.labPage.serverGone');
    }
    this.#retry.textContent = retryInMs === undefined ? '' : t.text('kafkalab.labPage.retrying', { seconds: Math.max(1, Math.round(retryInMs / 1000)) });
  }

  hide(): void {
    this.#banner.hidden = true;
    this.#message.textContent = '';
  }
}
