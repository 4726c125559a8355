/**
 * A Kafka client's log stream: the tool's stderr until the tool closes the client, then nothing. A
 * closed Java client logs no more; kafkajs cannot cancel a connection attempt in progress, and its
 * failures after the tool's last line must not print.
 */
import type { OutputStream } from '../../command.ts';

export class GatedOutput implements OutputStream {
  readonly #target: OutputStream;
  #open = true;

  constructor(target: OutputStream) {
    this.#target = target;
  }

  get closed(): boolean {
    return !this.#open || this.#target.closed;
  }

  write(text: string): Promise<void> {
    return this.#open ? this.#target.write(text) : Promise.resolve();
  }

  close(): void {
    this.#open = false;
  }
}
