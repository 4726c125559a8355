/**
 * One server, two runtimes: the `ClusterRuntime` the server, the lab engine and the terminal are given,
 * which forwards every call to the runtime that runs the cluster now (embedded or Docker) and can swap
 * it for the other one (`switchTo`): down one, up the other. Listeners subscribe once and keep getting
 * events across switches, so `/api/events` and the lab engine never re-subscribe.
 */
import { TypedEmitter } from '../../cluster/typed-emitter.ts';
import type { TerminalSession, TerminalSize } from '../../terminal/terminal-session.ts';
import { ApiError } from '../http-error.ts';
import type { ClusterEvent, ClusterRuntime, ClusterSpec, ClusterStatus, NodeAction, RuntimeKind, TerminalOptions } from './cluster-runtime.ts';

/** How to make each runtime. A kind without a factory is unavailable (no container engine answered). */
export interface RuntimeFactories {
  embedded: () => ClusterRuntime;
  docker?: () => Promise<ClusterRuntime>;
}

export interface RuntimeSwitchOptions {
  /** The runtime that runs the cluster at first (made by the caller, usually as `chooseRuntime` said). */
  current: ClusterRuntime;
  factories: RuntimeFactories;
  /** Why each kind is or is not available, for the page and the CLI ("no engine answered at ..."). */
  reasons?: Partial<Record<RuntimeKind, string>>;
  /** The container engine that answered, e.g. `{ name: 'Podman', version: '4.3.1' }`. */
  engine?: { name: string; version: string };
  /** A line when a switch starts and when it ends (the CLI prints them beside the server's output). */
  log?: (line: string) => void;
}

/** One runtime as `GET /api/runtime` lists it. */
export interface RuntimeOption {
  kind: RuntimeKind;
  available: boolean;
  reason: string;
}

/** `GET /api/runtime`. */
export interface RuntimeView {
  current: RuntimeKind;
  available: RuntimeOption[];
  engine?: { name: string; version: string };
}

const RUNTIME_KINDS: readonly RuntimeKind[] = ['embedded', 'docker'];
const RUNTIME_NAMES: Record<RuntimeKind, string> = { embedded: 'the embedded cluster', docker: 'the Docker runtime' };

export class RuntimeSwitch implements ClusterRuntime {
  readonly #factories: RuntimeFactories;
  readonly #reasons: Partial<Record<RuntimeKind, string>>;
  readonly #engine?: { name: string; version: string };
  readonly #log: (line: string) => void;
  readonly #events = new (class extends TypedEmitter<{ event: [ClusterEvent] }> {
    send(event: ClusterEvent) {
      this.emit('event', event);
    }
  })();
  /** Every runtime made so far, kept (down) for the next switch back; each forwards its events once. */
  readonly #made = new Map<RuntimeKind, ClusterRuntime>();
  readonly #unsubscribes: Array<() => void> = [];
  #current: ClusterRuntime;
  /** Cluster actions running through the switch now: a switch waits for none, it is refused. */
  #actions = 0;
  #switching: Promise<unknown> | null = null;
  /** The last `configure` asked for, carried over to the next runtime when it can run it. */
  #spec: ClusterSpec | undefined;

  constructor(options: RuntimeSwitchOptions) {
    this.#factories = options.factories;
    this.#reasons = options.reasons ?? {};
    this.#engine = options.engine;
    this.#log = options.log ?? (() => {});
    this.#current = options.current;
    this.#adopt(options.current);
  }

  get kind(): RuntimeKind {
    return this.#current.kind;
  }

  /** Which runtimes this server can run, and why not where it cannot. */
  view(): RuntimeView {
    return {
      current: this.kind,
      available: RUNTIME_KINDS.map((kind) => ({ kind, available: this.#canMake(kind), reason: this.#reasons[kind] ?? (this.#canMake(kind) ? 'available' : 'not available') })),
      ...(this.#engine ? { engine: this.#engine } : {}),
    };
  }

  onEvent(listener: (event: ClusterEvent) => void): () => void {
    return this.#events.on('event', listener);
  }

  up(): Promise<ClusterStatus> {
    return this.#act((runtime) => runtime.up());
  }

  down(): Promise<ClusterStatus> {
    return this.#act((runtime) => runtime.down());
  }

  /** Not held back by a switch: the page reads the state (`stopping`, `starting`) while it happens. */
  status(): Promise<ClusterStatus> {
    return this.#current.status();
  }

  nodeAction(name: string, action: NodeAction): Promise<ClusterStatus> {
    return this.#act((runtime) => runtime.nodeAction(name, action));
  }

  configure(spec: ClusterSpec): Promise<ClusterStatus> {
    return this.#act(async (runtime) => {
      const status = await runtime.configure(spec);
      this.#spec = spec;
      return status;
    });
  }

  /**
   * A shell on the current runtime. Shells opened before a switch stay as they are, on the runtime they
   * were opened on: an embedded lab shell keeps running, its tools reaching whatever now listens on the
   * cluster's ports (the Docker stack publishes the same ones); a Docker exec shell ends when its
   * container is removed. A new terminal tab opens on the new runtime.
   */
  openTerminal(size: TerminalSize, options?: TerminalOptions): Promise<TerminalSession> {
    return this.#current.openTerminal(size, options);
  }

  /**
   * Runs the cluster on `kind` from now on: takes the current runtime down (Docker keeps its volumes),
   * makes the other and brings it up if the cluster was up. Refused while a cluster action or another
   * switch runs, and when `kind` is unavailable. When the new runtime cannot come up, the old one is
   * brought back as it was and the error says why the new one failed.
   */
  switchTo(kind: RuntimeKind): Promise<ClusterStatus> {
    if (kind === this.kind && !this.#switching) return this.status();
    if (this.#switching) return Promise.reject(busy(kind, 'another runtime switch'));
    if (this.#actions > 0) return Promise.reject(busy(kind, 'a cluster action'));
    if (!this.#canMake(kind)) return Promise.reject(this.#unavailable(kind));
    const switching = this.#switch(kind);
    this.#switching = switching;
    const clear = () => {
      this.#switching = null;
    };
    switching.then(clear, clear);
    return switching;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.#switching?.catch(() => {});
    for (const unsubscribe of this.#unsubscribes.splice(0)) unsubscribe();
    for (const runtime of this.#made.values()) await runtime[Symbol.asyncDispose]();
    this.#made.clear();
  }

  async #switch(kind: RuntimeKind): Promise<ClusterStatus> {
    const old = this.#current;
    const wasUp = (await old.status()).state === 'up';
    this.#log(`Switching from ${RUNTIME_NAMES[old.kind]} to ${RUNTIME_NAMES[kind]}${wasUp ? ' (down one, up the other)' : ''}...`);
    await old.down();
    let next: ClusterRuntime;
    try {
      next = await this.#make(kind);
    } catch (error) {
      if (wasUp) await old.up().catch(() => {});
      const refused = cannotMake(kind, error);
      this.#log(`${refused.message} Back on ${RUNTIME_NAMES[old.kind]}.`);
      throw refused;
    }
    this.#current = next;
    await this.#announce(next);
    try {
      if (this.#spec?.brokerIds && (await next.status()).capabilities.brokerIds) await next.configure(this.#spec);
      if (wasUp) await next.up();
    } catch (error) {
      await next.down().catch(() => {});
      this.#current = old;
      await this.#announce(old).catch(() => {});
      if (wasUp) await old.up().catch(() => {});
      this.#log(`Could not switch to ${RUNTIME_NAMES[kind]}: ${error instanceof Error ? error.message : String(error)} Back on ${RUNTIME_NAMES[old.kind]}.`);
      throw error;
    }
    const status = await next.status();
    this.#log(`Now on ${RUNTIME_NAMES[kind]}: the cluster is ${status.state}.`);
    return status;
  }

  /** Says which runtime now runs the cluster, and in what state (the page reads `status.runtime` after it). */
  async #announce(runtime: ClusterRuntime): Promise<void> {
    this.#events.send({ type: 'cluster-state', state: (await runtime.status()).state });
  }

  async #act<T>(work: (runtime: ClusterRuntime) => Promise<T>): Promise<T> {
    // An action asked for during a switch runs on the runtime the switch leaves in place.
    while (this.#switching) await this.#switching.catch(() => {});
    this.#actions++;
    try {
      return await work(this.#current);
    } finally {
      this.#actions--;
    }
  }

  async #make(kind: RuntimeKind): Promise<ClusterRuntime> {
    const made = this.#made.get(kind);
    if (made) return made;
    const runtime = kind === 'embedded' ? this.#factories.embedded() : await this.#factories.docker!();
    this.#adopt(runtime);
    return runtime;
  }

  #adopt(runtime: ClusterRuntime): void {
    this.#made.set(runtime.kind, runtime);
    this.#unsubscribes.push(runtime.onEvent((event) => this.#events.send(event)));
  }

  #canMake(kind: RuntimeKind): boolean {
    return this.#made.has(kind) || (kind === 'embedded' ? true : this.#factories.docker !== undefined);
  }

  #unavailable(kind: RuntimeKind): ApiError {
    const reason = this.#reasons[kind];
    return new ApiError(
      'invalid_state',
      409,
      `Cannot switch to ${RUNTIME_NAMES[kind]}: it is not available${reason ? ` (${reason})` : ''}.`,
      'Run `kafkalab doctor` to see which container engine answers and which images are present; start Docker or Podman, then restart kafkalab.',
    );
  }
}

function busy(kind: RuntimeKind, what: string): ApiError {
  return new ApiError('invalid_state', 409, `Cannot switch to ${RUNTIME_NAMES[kind]} while ${what} is running.`, 'Wait for it to finish, then switch again.');
}

/** The Docker runtime could not be made (the engine stopped answering since `start`): say so, keep the hint of an ApiError. */
function cannotMake(kind: RuntimeKind, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(
    'invalid_state',
    409,
    `Cannot switch to ${RUNTIME_NAMES[kind]}: ${error instanceof Error ? error.message : String(error)}.`,
    'Run `kafkalab doctor` to see whether the container engine answers.',
  );
}
