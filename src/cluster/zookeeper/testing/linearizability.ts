/**
 * A linearizability checker for one versioned register (a znode's data and dataVersion), in the style of
 * Wing & Gong's search with Lowe's memoization (as Knossos and Porcupine do it).
 *
 * The model: `read` returns (value, version); `write` sets the value and version + 1 (setData with
 * version -1); `cas(v)` does the same only if the version is v (setData with version v), and fails
 * (BADVERSION) otherwise. A history is linearizable when every completed operation can be placed at one
 * instant between its invocation and its completion so that the sequence obeys the model.
 *
 * An operation without an answer (no reply, connection lost) is `unknown`: it may have taken effect at
 * any instant after its invocation (even after the client gave up) or never. Callers should leave out
 * operations whose answer proves they did nothing (an error reply other than a cas's BADVERSION) and
 * reads without an answer.
 *
 * Browser-safe, no dependencies: used by the ensemble's randomized fault tests.
 */

export interface RegisterState {
  value: string | null;
  version: number;
}

export type RegisterCall = { f: 'read' } | { f: 'write'; value: string } | { f: 'cas'; expectedVersion: number; value: string };

export type RegisterOutcome =
  /** read: the value and version seen; write / cas: the new version. */
  | { type: 'ok'; value?: string | null; version: number }
  /** cas only: BADVERSION. */
  | { type: 'fail' }
  /** No answer: maybe applied (after the invocation), maybe never. */
  | { type: 'unknown' };

export interface RegisterOperation {
  /** Who issued it (for messages). */
  client: string;
  call: RegisterCall;
  outcome: RegisterOutcome;
  /** Invocation time (ms, one clock for the whole history). */
  invokedAt: number;
  /** Completion time; ignored for `unknown` outcomes. */
  completedAt: number;
}

export type CheckResult =
  | { ok: true; linearization: RegisterOperation[] }
  | {
      ok: false;
      /** True when the search budget ran out: neither proven nor refuted. */
      inconclusive: boolean;
      /** Human-readable explanation: the longest linearizable prefix found and what could not follow it. */
      message: string;
    };

export interface CheckOptions {
  /** Search steps before giving up as inconclusive. Default 5 million. */
  maxSteps?: number;
}

/** The register's next state after `call` answered `outcome`, or `undefined` if that cannot happen in `state`. */
export function stepRegister(state: RegisterState, call: RegisterCall, outcome: RegisterOutcome): RegisterState | undefined {
  if (call.f === 'read') {
    if (outcome.type !== 'ok') return undefined;
    return outcome.value === state.value && outcome.version === state.version ? state : undefined;
  }
  if (call.f === 'cas') {
    if (outcome.type === 'fail') return state.version !== call.expectedVersion ? state : undefined;
    // An unknown cas that would fail is the same as one that never happened: leave it out.
    if (state.version !== call.expectedVersion) return undefined;
  } else if (outcome.type === 'fail') {
    return undefined;
  }
  if (outcome.type === 'ok' && outcome.version !== state.version + 1) return undefined;
  return { value: call.value, version: state.version + 1 };
}

interface Entry {
  kind: 'head' | 'call' | 'return';
  op: number;
  time: number;
  prev: Entry | undefined;
  next: Entry | undefined;
  /** A call's return entry (none for unknown outcomes). */
  match: Entry | undefined;
}

export function checkRegisterHistory(history: readonly RegisterOperation[], initial: RegisterState, options: CheckOptions = {}): CheckResult {
  const ops = history.filter((op) => !(op.call.f === 'read' && op.outcome.type !== 'ok'));
  const maxSteps = options.maxSteps ?? 5_000_000;
  const head = buildList(ops);
  const determinate = ops.map((op) => op.outcome.type !== 'unknown');
  let remaining = determinate.filter(Boolean).length;
  let state = initial;
  let linearized = 0n;
  const stack: Array<{ entry: Entry; state: RegisterState }> = [];
  const seen = new Set<string>();
  let best = { depth: -1, order: [] as number[], state: initial, blocking: -1 };
  let steps = 0;
  let entry = head.next;

  while (remaining > 0) {
    if (++steps > maxSteps) {
      return { ok: false, inconclusive: true, message: `search budget of ${maxSteps} steps exhausted (${ops.length} operations)` };
    }
    if (entry && entry.kind === 'call') {
      const op = ops[entry.op];
      const next = stepRegister(state, op.call, op.outcome);
      if (next) {
        const bits = linearized | (1n << BigInt(entry.op));
        const key = `${bits.toString(36)}|${next.version}|${next.value ?? '\u0000null'}`;
        if (!seen.has(key)) {
          seen.add(key);
          stack.push({ entry, state });
          state = next;
          linearized = bits;
          if (determinate[entry.op]) remaining--;
          lift(entry);
          entry = head.next;
          continue;
        }
      }
      entry = entry.next;
      continue;
    }
    // A return (or the end): the op it closes was not placed before it. Undo the last placement.
    const depth = stack.length;
    if (depth > best.depth) best = { depth, order: stack.map((s) => s.entry.op), state, blocking: entry?.op ?? -1 };
    const top = stack.pop();
    if (!top) return { ok: false, inconclusive: false, message: explain(ops, best) };
    state = top.state;
    linearized &= ~(1n << BigInt(top.entry.op));
    if (determinate[top.entry.op]) remaining++;
    unlift(top.entry);
    entry = top.entry.next;
  }
  return { ok: true, linearization: stack.map((s) => ops[s.entry.op]) };
}

/** Calls and returns in time order (a call before a return at the same instant: they overlap). */
function buildList(ops: readonly RegisterOperation[]): Entry {
  const entries: Entry[] = [];
  for (const [i, op] of ops.entries()) {
    const call: Entry = { kind: 'call', op: i, time: op.invokedAt, prev: undefined, next: undefined, match: undefined };
    entries.push(call);
    if (op.outcome.type !== 'unknown') {
      if (op.completedAt < op.invokedAt) throw new Error(`operation ${describeOp(op)} completes before it is invoked`);
      call.match = { kind: 'return', op: i, time: op.completedAt, prev: undefined, next: undefined, match: undefined };
      entries.push(call.match);
    }
  }
  entries.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'call' ? -1 : 1));
  const head: Entry = { kind: 'head', op: -1, time: -Infinity, prev: undefined, next: undefined, match: undefined };
  let last = head;
  for (const e of entries) {
    e.prev = last;
    last.next = e;
    last = e;
  }
  return head;
}

function lift(entry: Entry): void {
  (entry.prev as Entry).next = entry.next;
  if (entry.next) entry.next.prev = entry.prev;
  const match = entry.match;
  if (match) {
    (match.prev as Entry).next = match.next;
    if (match.next) match.next.prev = match.prev;
  }
}

function unlift(entry: Entry): void {
  const match = entry.match;
  if (match) {
    (match.prev as Entry).next = match;
    if (match.next) match.next.prev = match;
  }
  (entry.prev as Entry).next = entry;
  if (entry.next) entry.next.prev = entry;
}

export function describeOp(op: RegisterOperation): string {
  const call = op.call.f === 'read' ? 'read' : op.call.f === 'write' ? `write(${JSON.stringify(op.call.value)})` : `cas(v${op.call.expectedVersion} -> ${JSON.stringify(op.call.value)})`;
  const o = op.outcome;
  const outcome =
    o.type === 'unknown'
      ? 'unknown'
      : o.type === 'fail'
        ? 'BADVERSION'
        : op.call.f === 'read'
          ? `ok ${JSON.stringify(o.value)} v${o.version}`
          : `ok v${o.version}`;
  const end = o.type === 'unknown' ? '...' : op.completedAt.toFixed(1);
  return `${op.client} ${call} = ${outcome} [${op.invokedAt.toFixed(1)}, ${end}]`;
}

function explain(ops: readonly RegisterOperation[], best: { depth: number; order: number[]; state: RegisterState; blocking: number }): string {
  const placed = new Set(best.order);
  const tail = best.order.slice(-8).map((i) => `  ${describeOp(ops[i])}`);
  const lines = [
    `not linearizable: at most ${best.depth} of ${ops.length} operations could be placed`,
    `last placed (of ${best.order.length}):`,
    ...(tail.length > 0 ? tail : ['  (none)']),
    `register then: ${JSON.stringify(best.state.value)} v${best.state.version}`,
  ];
  if (best.blocking >= 0) lines.push(`cannot place before it completes: ${describeOp(ops[best.blocking])}`);
  const open = ops
    .map((op, i) => ({ op, i }))
    .filter(({ op, i }) => !placed.has(i) && i !== best.blocking && best.blocking >= 0 && op.invokedAt <= ops[best.blocking].completedAt)
    .slice(0, 8)
    .map(({ op }) => `  ${describeOp(op)}`);
  if (open.length > 0) lines.push('other candidates at that point:', ...open);
  return lines.join('\n');
}
