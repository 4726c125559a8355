/**
 * The shells this browser tab has open, remembered in `sessionStorage`: slot n holds the session id of
 * terminal n. A reload, or the next lab page in the same browser tab, attaches to the same shells
 * (their history and running commands intact, within the server's grace period); another browser tab
 * has its own storage and its own shells.
 */

export const MAX_TERMINALS = 4;
const KEY = 'kafkalab.terminal.sessions';

/** The subset of `Storage` used here (tests pass a Map-backed one). */
export interface SlotStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class SessionSlots {
  readonly #storage: SlotStorage | null;

  constructor(storage: SlotStorage | null) {
    this.#storage = storage;
  }

  /** The slots with a remembered session, in order. */
  occupied(): number[] {
    return this.#read().flatMap((id, slot) => (id ? [slot] : []));
  }

  get(slot: number): string | undefined {
    return this.#read()[slot] ?? undefined;
  }

  set(slot: number, session: string): void {
    const slots = this.#read();
    slots[slot] = session;
    this.#write(slots);
  }

  /** Forgets slot n's shell (its tab was closed, or the learner asked for a new shell). */
  clear(slot: number): void {
    const slots = this.#read();
    slots[slot] = null;
    this.#write(slots);
  }

  #read(): Array<string | null> {
    try {
      const parsed: unknown = JSON.parse(this.#storage?.getItem(KEY) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      return parsed.slice(0, MAX_TERMINALS).map((id) => (typeof id === 'string' && id !== '' ? id : null));
    } catch {
      return [];
    }
  }

  #write(slots: Array<string | null>): void {
    while (slots.length > 0 && !slots[slots.length - 1]) slots.pop();
    try {
      this.#storage?.setItem(KEY, JSON.stringify(slots));
    } catch {
      // Storage full or forbidden: the shells still work, they just are not found again after a reload.
    }
  }
}

/** The browser tab's `sessionStorage`, or none where the browser forbids it. */
export function browserSessionStorage(): SlotStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
