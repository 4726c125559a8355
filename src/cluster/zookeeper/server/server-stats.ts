/** Request counters and latencies of one member (`ServerStats.java`), for srvr / stat / mntr. */
export class ServerStats {
  readonly startedAt = Date.now();
  packetsReceived = 0;
  packetsSent = 0;
  #count = 0;
  #total = 0;
  #min = 0;
  #max = 0;
  /** Proposal sizes in bytes on a leader (`Proposal sizes last/min/max`), -1 until the first one. */
  proposalLast = -1;
  proposalMin = -1;
  proposalMax = -1;

  responseLast = -1;
  responseMin = -1;
  responseMax = -1;

  recordResponse(bytes: number): void {
    this.responseLast = bytes;
    this.responseMin = this.responseMin === -1 ? bytes : Math.min(this.responseMin, bytes);
    this.responseMax = Math.max(this.responseMax, bytes);
  }

  recordLatency(ms: number): void {
    this.#min = this.#count === 0 ? ms : Math.min(this.#min, ms);
    this.#max = Math.max(this.#max, ms);
    this.#total += ms;
    this.#count++;
  }

  recordProposal(bytes: number): void {
    this.proposalLast = bytes;
    this.proposalMin = this.proposalMin === -1 ? bytes : Math.min(this.proposalMin, bytes);
    this.proposalMax = Math.max(this.proposalMax, bytes);
  }

  get minLatency(): number {
    return this.#min;
  }
  get maxLatency(): number {
    return this.#max;
  }
  /** Java prints a double: `0.0`, `2.6143` (4 decimals at most). */
  get avgLatency(): string {
    return javaDouble(this.#count === 0 ? 0 : this.#total / this.#count);
  }

  /** `srst` (`ServerStats.reset`): latencies, packet counts and client response sizes. */
  reset(): void {
    this.packetsReceived = 0;
    this.packetsSent = 0;
    this.#count = this.#total = this.#min = this.#max = 0;
    this.responseLast = this.responseMin = this.responseMax = -1;
  }
}

export function javaDouble(value: number): string {
  const rounded = Math.round(value * 10000) / 10000;
  return Number.isInteger(rounded) ? `${rounded}.0` : String(rounded);
}
