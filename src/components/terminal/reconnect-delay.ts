/**
 * When a terminal tries its server again after losing it: soon at first, then less often, and after a
 * few failed tries it says the server is not running (it keeps trying, at the longest delay).
 */
export interface ReconnectPolicy {
  firstMs: number;
  maxMs: number;
  /** Failed tries after which the server counts as not running rather than briefly unreachable. */
  serverDownAfter: number;
}

export const RECONNECT: ReconnectPolicy = { firstMs: 500, maxMs: 8_000, serverDownAfter: 3 };

/** The wait before try number `attempt` (1 = the first try after the loss). */
export function reconnectDelay(attempt: number, policy: ReconnectPolicy = RECONNECT): number {
  return Math.min(policy.firstMs * 2 ** Math.max(0, attempt - 1), policy.maxMs);
}
