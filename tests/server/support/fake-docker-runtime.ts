/**
 * A FAKE Docker runtime for the runtime switch's tests: a real embedded cluster (its own, on free ports)
 * that reports itself as `docker`, with what a container runtime reports beside the cluster (an engine,
 * AKHQ in `services`, no `isolate`/`heal`) and, before `up`, a scripted image pull as `image-pull` events
 * (or an `image-pull-failed` and a refused `up`). It proves the switch, the API and the page against a
 * real cluster and the real server; the real DockerRuntime's own tests run against podman.
 */
import type { TerminalSession, TerminalSize } from '../../../src/terminal/terminal-session.ts';
import { ApiError } from '../../../src/server/http-error.ts';
import type { ClusterEvent, ClusterRuntime, ClusterService, ClusterSpec, ClusterStatus, NodeAction, RuntimeCapabilities, TerminalOptions } from '../../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../../src/server/runtime/embedded-runtime.ts';

export interface FakePull {
  image: string;
  totalBytes: number;
  /** How many `image-pull` events, evenly spaced in bytes, the last one `done`. */
  steps: number;
  /** Awaited after each event but the last (a test holds the pull half-way while it looks at the page). */
  between?: (step: number) => Promise<void>;
  /** The pull fails after its first event, as a registry that cannot be reached does: every time, or the first `times` times. */
  fail?: { message: string; hint: string; times?: number };
}

export interface FakeDockerRuntimeOptions {
  engine?: { name: string; version: string };
  services?: ClusterService[];
  /** Pulled at the first `up` only (the images are present afterwards), as the real runtime does. */
  pull?: FakePull;
  /** Whether it can run other broker ids (the real one's answer is its own). Default false. */
  brokerIds?: boolean;
  /** The node actions it says it can do; default a container runtime's: stop, start, kill. */
  nodeActions?: NodeAction[];
}

const NODE_ACTIONS_OF_A_CONTAINER_RUNTIME: NodeAction[] = ['stop', 'start', 'kill'];

export class FakeDockerRuntime implements ClusterRuntime {
  readonly kind = 'docker' as const;
  readonly cluster = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
  /** Shells opened on this runtime, for tests that check where the terminal goes. */
  terminalsOpened = 0;
  readonly #options: FakeDockerRuntimeOptions;
  readonly #listeners = new Set<(event: ClusterEvent) => void>();
  #pulled = false;
  #failedPulls = 0;
  /** From `up` to the end of the pull: the state is `starting` already, as the real runtime's is. */
  #pulling = false;
  #startingSent = false;

  constructor(options: FakeDockerRuntimeOptions = {}) {
    this.#options = options;
    this.cluster.onEvent((event) => {
      // The real runtime says `starting` once, before it pulls; the cluster's own `starting` is that one.
      if (event.type === 'cluster-state' && event.state === 'starting' && this.#startingSent) {
        this.#startingSent = false;
        return;
      }
      this.#send(event);
    });
  }

  get #capabilities(): RuntimeCapabilities {
    return { nodeActions: [...(this.#options.nodeActions ?? NODE_ACTIONS_OF_A_CONTAINER_RUNTIME)], brokerIds: this.#options.brokerIds ?? false };
  }

  onEvent(listener: (event: ClusterEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async up(): Promise<ClusterStatus> {
    if (!this.#pulled && this.#options.pull && (await this.cluster.status()).state === 'down') {
      this.#pulling = this.#startingSent = true;
      this.#send({ type: 'cluster-state', state: 'starting' });
      try {
        await this.#pull(this.#options.pull);
      } catch (error) {
        this.#startingSent = false;
        this.#send({ type: 'cluster-state', state: 'down' });
        throw error;
      } finally {
        this.#pulling = false;
      }
    }
    this.#pulled = true;
    await this.cluster.up();
    return this.status();
  }

  async down(): Promise<ClusterStatus> {
    await this.cluster.down();
    return this.status();
  }

  async status(): Promise<ClusterStatus> {
    const status = await this.cluster.status();
    return {
      ...status,
      runtime: 'docker',
      ...(this.#pulling ? { state: 'starting' as const } : {}),
      capabilities: this.#capabilities,
      ...(this.#options.engine ? { engine: this.#options.engine } : {}),
      ...(this.#options.services && status.state === 'up' ? { services: this.#options.services } : {}),
    };
  }

  async nodeAction(name: string, action: NodeAction): Promise<ClusterStatus> {
    if (!this.#capabilities.nodeActions.includes(action)) throw new ApiError('invalid_state', 409, `The fake Docker runtime cannot ${action} ${name}.`, 'Switch to the embedded cluster.');
    await this.cluster.nodeAction(name, action);
    return this.status();
  }

  async configure(spec: ClusterSpec): Promise<ClusterStatus> {
    if (spec.brokerIds && !this.#capabilities.brokerIds) throw new ApiError('invalid_state', 409, 'The fake Docker runtime runs broker ids 1..3 only.');
    await this.cluster.configure(spec);
    return this.status();
  }

  openTerminal(size: TerminalSize, options?: TerminalOptions): Promise<TerminalSession> {
    this.terminalsOpened++;
    return this.cluster.openTerminal(size, options);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.cluster[Symbol.asyncDispose]();
  }

  async #pull(pull: FakePull): Promise<void> {
    for (let step = 1; step <= pull.steps; step++) {
      const currentBytes = Math.round((pull.totalBytes * step) / pull.steps);
      const done = step === pull.steps;
      this.#send({ type: 'image-pull', image: pull.image, currentBytes, totalBytes: pull.totalBytes, layers: pull.steps, layersDone: step, done });
      if (pull.fail && this.#failedPulls < (pull.fail.times ?? Infinity)) {
        this.#failedPulls++;
        this.#send({ type: 'image-pull-failed', image: pull.image, message: pull.fail.message, hint: pull.fail.hint });
        throw new ApiError('invalid_state', 409, `Could not pull ${pull.image}: ${pull.fail.message}.`, pull.fail.hint);
      }
      if (!done) await pull.between?.(step);
    }
  }

  #send(event: ClusterEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
