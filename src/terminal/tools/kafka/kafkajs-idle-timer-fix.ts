/**
 * kafkajs 2.2.4 keeps every idle connection busy: after each answer its request queue arms a timer to
 * look at pending requests even when none are pending, with a negative delay, which Node runs after
 * 1 ms, and which arms the next one (tulios/kafkajs#1556, #1704): about 900 callbacks a second per
 * open connection, for ever, and a `TimeoutNegativeWarning` on stderr. A request that has to wait is
 * always pushed with a check of its own, so with nothing pending there is nothing to check: this skips
 * the timer then. Importing this module applies it once, process-wide (the tools' and the graders'
 * clients alike).
 */
// @ts-expect-error kafkajs publishes no types for its internals.
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';

interface PendingAware {
  pending: unknown[];
}

const PATCHED = Symbol.for('kafkalab.kafkajs-idle-timer-fix');
const prototype = (RequestQueue as { prototype: Record<PropertyKey, unknown> }).prototype;

if (typeof prototype.scheduleCheckPendingRequests === 'function' && !prototype[PATCHED]) {
  const schedule = prototype.scheduleCheckPendingRequests as (this: PendingAware) => void;
  prototype.scheduleCheckPendingRequests = function scheduleWhenPending(this: PendingAware) {
    if (this.pending.length === 0) return;
    schedule.call(this);
  };
  prototype[PATCHED] = true;
}

export const kafkajsIdleTimerFixed = prototype[PATCHED] === true;
