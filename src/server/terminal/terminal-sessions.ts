/**
 * Every terminal session the server keeps, by id. A page attaches to a new session or, after a dropped
 * socket, to the one it had (only its own learner's: an id is not a key to someone else's shell). Ids are
 * 128 random bits, so one cannot be guessed. A learner keeps a few sessions at most: a new one beyond
 * that replaces the one left unattended longest.
 */
import { randomBytes } from 'node:crypto';
import { TERMINAL_DETACHED_GRACE_MS } from '../../terminal/terminal-protocol.ts';
import type { TerminalSession, TerminalSize } from '../../terminal/terminal-session.ts';
import { HostedTerminal } from './hosted-terminal.ts';
import type { OutputPumpOptions } from './output-pump.ts';
import { TERMINAL_ERRORS, type TerminalPeer } from './terminal-peer.ts';

/** Sessions one learner may keep (tabs open, plus ones waiting for their page to come back). */
export const TERMINALS_PER_LEARNER = 6;

export interface TerminalSessionsOptions {
  /** Opens a new session for `learner` (the runtime's shell). */
  open(learner: string, size: TerminalSize): Promise<TerminalSession>;
  /** Default `TERMINAL_DETACHED_GRACE_MS`. */
  graceMs?: number;
  /** Default `TERMINALS_PER_LEARNER`. */
  maxPerLearner?: number;
  pump?: OutputPumpOptions;
}

export interface AttachRequest {
  session?: string;
  cols: number;
  rows: number;
}

export class TerminalSessions {
  readonly #options: TerminalSessionsOptions;
  readonly #byId = new Map<string, HostedTerminal>();
  /** Sessions being opened, per learner (they count toward the limit). */
  readonly #opening = new Map<string, number>();

  constructor(options: TerminalSessionsOptions) {
    this.#options = options;
  }

  get(id: string): HostedTerminal | undefined {
    return this.#byId.get(id);
  }

  /** The learner's sessions, oldest first. */
  of(learner: string): HostedTerminal[] {
    return [...this.#byId.values()].filter((terminal) => terminal.learner === learner);
  }

  /**
   * Attaches `peer` to the learner's session `request.session` when it still exists, else to a new one.
   * Resolves to null when no session could be given (the peer was told why and closed), or when the peer
   * went away while its new session opened (that session is closed again: nobody knows its id).
   */
  async attach(learner: string, peer: TerminalPeer, request: AttachRequest): Promise<HostedTerminal | null> {
    const size = { cols: request.cols, rows: request.rows };
    const existing = request.session === undefined ? undefined : this.#byId.get(request.session);
    if (existing && existing.learner === learner && !existing.closed) {
      existing.attach(peer, true, size);
      return existing;
    }
    if (!this.#makeRoom(learner)) {
      peer.send({
        type: 'error',
        code: TERMINAL_ERRORS.tooManyTerminals,
        message: `You have ${this.#max} terminals open already. Close one of the pages that show a terminal, then reload this one.`,
      });
      peer.close(1013, 'too many terminals');
      return null;
    }
    this.#opening.set(learner, (this.#opening.get(learner) ?? 0) + 1);
    let session: TerminalSession;
    try {
      session = await this.#options.open(learner, size);
    } catch (error) {
      peer.send({ type: 'error', code: TERMINAL_ERRORS.terminalUnavailable, message: `The terminal could not start: ${error instanceof Error ? error.message : String(error)}` });
      peer.close(1011, 'terminal unavailable');
      return null;
    } finally {
      this.#opening.set(learner, this.#opening.get(learner)! - 1);
    }
    const terminal = new HostedTerminal({
      id: randomBytes(16).toString('base64url'),
      learner,
      session,
      graceMs: this.#options.graceMs ?? TERMINAL_DETACHED_GRACE_MS,
      pump: this.#options.pump,
      onClosed: (closed) => this.#byId.delete(closed.id),
    });
    this.#byId.set(terminal.id, terminal);
    if (peer.closed) {
      await terminal.close();
      return null;
    }
    terminal.attach(peer, false);
    return terminal;
  }

  /** Ends every session (the server is shutting down). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#byId.values()].map((terminal) => terminal.close()));
  }

  get #max(): number {
    return this.#options.maxPerLearner ?? TERMINALS_PER_LEARNER;
  }

  /**
   * Frees a place for one more of the learner's sessions, closing the one unattended longest if need be
   * (it leaves the map at once; its shell ends in the background). Synchronous, so that two pages
   * attaching at once cannot both take the last place.
   */
  #makeRoom(learner: string): boolean {
    const mine = this.of(learner);
    if (mine.length + (this.#opening.get(learner) ?? 0) < this.#max) return true;
    const detached = mine.filter((terminal) => !terminal.attached).sort((a, b) => a.detachedAt - b.detachedAt);
    if (detached.length === 0) return false;
    void detached[0].close().catch(() => {});
    return true;
  }
}
