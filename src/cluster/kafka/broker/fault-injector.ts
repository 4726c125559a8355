/**
 * Per-API fault injection, like kfake's `Cluster.ControlKey`: a lab or a test installs a hook for one API
 * key; the broker runs the hooks for a request before its handler and obeys the first one that answers.
 *
 * ```ts
 * // The next Produce gets NOT_LEADER_OR_FOLLOWER, after that Produce works again.
 * broker.faults.add(0, () => ({ action: 'error', errorCode: 6 }), { times: 1 });
 * ```
 */
import type { RequestContext } from './api-handler.ts';

export type FaultAction =
  /** Answer with the handler's `errorResponse(request, errorCode)` instead of running the handler. */
  | { action: 'error'; errorCode: number }
  /** Answer with this response object (the codec's response type for that API). */
  | { action: 'respond'; response: unknown }
  /** Send nothing back (the client times out), keep the connection. */
  | { action: 'drop' }
  /** Close the connection without answering. */
  | { action: 'close' }
  /**
   * Handle the request, then close the connection without answering: the broker did the work but the
   * client never hears of it (a lost acknowledgement; an idempotent producer's retry is a duplicate).
   */
  | { action: 'close-after-handling' }
  /** Wait, then handle the request normally. */
  | { action: 'delay'; ms: number };

/** Returns an action to take over the request, or `undefined` to let the next hook (or the handler) decide. */
export type FaultHook = (ctx: RequestContext, request: unknown) => FaultAction | undefined | Promise<FaultAction | undefined>;

export interface FaultHookOptions {
  /** Remove the hook after it has taken this many actions (default: keep it until removed). */
  times?: number;
}

interface InstalledHook {
  hook: FaultHook;
  remaining: number;
}

export class FaultInjector {
  readonly #hooks = new Map<number, InstalledHook[]>();

  /** Installs `hook` for `apiKey`; returns a function that removes it. */
  add(apiKey: number, hook: FaultHook, options: FaultHookOptions = {}): () => void {
    const installed: InstalledHook = { hook, remaining: options.times ?? Number.POSITIVE_INFINITY };
    const list = this.#hooks.get(apiKey) ?? [];
    list.push(installed);
    this.#hooks.set(apiKey, list);
    return () => this.#remove(apiKey, installed);
  }

  /** Removes every hook (for one API key, or all). */
  clear(apiKey?: number): void {
    if (apiKey === undefined) this.#hooks.clear();
    else this.#hooks.delete(apiKey);
  }

  /** Runs the hooks for a request in installation order; the first action wins. */
  async decide(ctx: RequestContext, request: unknown): Promise<FaultAction | undefined> {
    const list = this.#hooks.get(ctx.apiKey);
    if (!list || list.length === 0) return undefined;
    for (const installed of [...list]) {
      const action = await installed.hook(ctx, request);
      if (action === undefined) continue;
      installed.remaining -= 1;
      if (installed.remaining <= 0) this.#remove(ctx.apiKey, installed);
      return action;
    }
    return undefined;
  }

  #remove(apiKey: number, installed: InstalledHook): void {
    const list = this.#hooks.get(apiKey);
    if (!list) return;
    const index = list.indexOf(installed);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.#hooks.delete(apiKey);
  }
}
