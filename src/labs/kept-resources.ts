/**
 * Clients that must outlive one check or solve: the reference solution of "run two consumers in a
 * group" leaves its consumers running for the next steps, as the learner's own would. They belong to
 * the learner's lab session and are closed by its reset (or when the session ends), never leaked.
 */
export interface Closeable {
  close(): Promise<void>;
}

export class KeptResources {
  readonly #kept = new Map<string, Closeable>();

  /** Keeps `resource` under `name` (closing whatever was kept under that name before). */
  async keep(name: string, resource: Closeable): Promise<void> {
    await this.release(name);
    this.#kept.set(name, resource);
  }

  has(name: string): boolean {
    return this.#kept.has(name);
  }

  async release(name: string): Promise<void> {
    const resource = this.#kept.get(name);
    this.#kept.delete(name);
    await resource?.close().catch(() => {});
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.#kept.keys()].map((name) => this.release(name)));
  }
}
