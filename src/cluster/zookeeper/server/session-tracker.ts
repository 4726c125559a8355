/**
 * The leader's session expiry (`SessionTrackerImpl.java`): every session has a deadline, rounded up to
 * the next tick like the real expiry buckets, pushed back whenever the session shows activity on any
 * member (followers report touched sessions in their ping answers). A session past its deadline is
 * expired by the leader with a closeSession transaction, which deletes its ephemerals everywhere.
 * A new leader gives every known session a full timeout, as a real one does.
 */
interface TrackedSession {
  timeoutMs: number;
  expiresAt: number;
  /** Member the client is connected to, when known. */
  owner: number | undefined;
  closing: boolean;
}

export class SessionTracker {
  readonly #tickMs: number;
  readonly #sessions = new Map<bigint, TrackedSession>();
  readonly #now: () => number;

  constructor(tickMs: number, now: () => number = Date.now) {
    this.#tickMs = tickMs;
    this.#now = now;
  }

  get size(): number {
    return this.#sessions.size;
  }

  has(sessionId: bigint): boolean {
    const session = this.#sessions.get(sessionId);
    return session !== undefined && !session.closing;
  }

  owner(sessionId: bigint): number | undefined {
    return this.#sessions.get(sessionId)?.owner;
  }

  add(sessionId: bigint, timeoutMs: number, owner: number | undefined): void {
    this.#sessions.set(sessionId, { timeoutMs, expiresAt: this.#deadline(timeoutMs), owner, closing: false });
  }

  remove(sessionId: bigint): void {
    this.#sessions.delete(sessionId);
  }

  touch(sessionId: bigint): void {
    const session = this.#sessions.get(sessionId);
    if (session && !session.closing) session.expiresAt = this.#deadline(session.timeoutMs);
  }

  /** A client re-attached through `owner`: valid unless expired. Returns the previous owner. */
  revalidate(sessionId: bigint, timeoutMs: number, owner: number): { valid: boolean; previousOwner?: number } {
    const session = this.#sessions.get(sessionId);
    if (!session || session.closing) return { valid: false };
    const previousOwner = session.owner;
    session.owner = owner;
    session.timeoutMs = timeoutMs;
    session.expiresAt = this.#deadline(timeoutMs);
    return { valid: true, previousOwner };
  }

  /** Every live session and its deadline (ms), for `dump`'s "Session Sets". */
  deadlines(): Array<{ sessionId: bigint; expiresAt: number }> {
    return [...this.#sessions].filter(([, s]) => !s.closing).map(([sessionId, s]) => ({ sessionId, expiresAt: s.expiresAt }));
  }

  markClosing(sessionId: bigint): void {
    const session = this.#sessions.get(sessionId);
    if (session) session.closing = true;
  }

  /** Sessions past their deadline; they are marked closing so they are expired once. */
  takeExpired(): Array<{ sessionId: bigint; timeoutMs: number }> {
    const now = this.#now();
    const expired: Array<{ sessionId: bigint; timeoutMs: number }> = [];
    for (const [sessionId, session] of this.#sessions) {
      if (!session.closing && session.expiresAt <= now) {
        session.closing = true;
        expired.push({ sessionId, timeoutMs: session.timeoutMs });
      }
    }
    return expired;
  }

  #deadline(timeoutMs: number): number {
    return Math.ceil((this.#now() + timeoutMs) / this.#tickMs) * this.#tickMs;
  }
}
