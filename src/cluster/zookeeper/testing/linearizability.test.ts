import { describe, expect, it } from 'vitest';
import { checkRegisterHistory, stepRegister } from './linearizability.ts';
import type { RegisterCall, RegisterOperation, RegisterOutcome } from './linearizability.ts';

const initial = { value: 'init', version: 0 };

/** `op('a', read, ok('init', 0), 0, 1)`: one operation; `completedAt` Infinity-free for unknown ones. */
function op(client: string, call: RegisterCall, outcome: RegisterOutcome, invokedAt: number, completedAt = invokedAt): RegisterOperation {
  return { client, call, outcome, invokedAt, completedAt };
}
const read: RegisterCall = { f: 'read' };
const write = (value: string): RegisterCall => ({ f: 'write', value });
const cas = (expectedVersion: number, value: string): RegisterCall => ({ f: 'cas', expectedVersion, value });
const saw = (value: string | null, version: number): RegisterOutcome => ({ type: 'ok', value, version });
const ok = (version: number): RegisterOutcome => ({ type: 'ok', version });
const fail: RegisterOutcome = { type: 'fail' };
const unknown: RegisterOutcome = { type: 'unknown' };

describe('versioned register model', () => {
  it('read / write / cas steps', () => {
    expect(stepRegister(initial, read, saw('init', 0))).toEqual(initial);
    expect(stepRegister(initial, read, saw('init', 1))).toBeUndefined();
    expect(stepRegister(initial, write('x'), ok(1))).toEqual({ value: 'x', version: 1 });
    expect(stepRegister(initial, write('x'), ok(2))).toBeUndefined();
    expect(stepRegister(initial, cas(0, 'y'), ok(1))).toEqual({ value: 'y', version: 1 });
    expect(stepRegister(initial, cas(1, 'y'), ok(2))).toBeUndefined();
    expect(stepRegister(initial, cas(1, 'y'), fail)).toEqual(initial);
    expect(stepRegister(initial, cas(0, 'y'), fail)).toBeUndefined();
    // An unknown cas is placed only where it would apply; "never" covers the rest.
    expect(stepRegister(initial, cas(0, 'y'), unknown)).toEqual({ value: 'y', version: 1 });
    expect(stepRegister(initial, cas(3, 'y'), unknown)).toBeUndefined();
  });
});

describe('checkRegisterHistory', () => {
  it('accepts an empty history and a sequential one', () => {
    expect(checkRegisterHistory([], initial).ok).toBe(true);
    const result = checkRegisterHistory(
      [op('a', write('1'), ok(1), 0, 1), op('b', read, saw('1', 1), 2, 3), op('a', cas(1, '2'), ok(2), 4, 5), op('b', cas(1, '3'), fail, 6, 7), op('b', read, saw('2', 2), 8, 9)],
      initial,
    );
    expect(result.ok).toBe(true);
  });

  it('rejects a stale read after a completed write', () => {
    const result = checkRegisterHistory([op('a', write('1'), ok(1), 0, 1), op('b', read, saw('init', 0), 2, 3)], initial);
    expect(result).toMatchObject({ ok: false, inconclusive: false });
    if (!result.ok) expect(result.message).toMatch(/not linearizable/);
  });

  it('lets concurrent operations take either order', () => {
    const w = op('a', write('1'), ok(1), 0, 10);
    expect(checkRegisterHistory([w, op('b', read, saw('init', 0), 1, 2)], initial).ok).toBe(true);
    expect(checkRegisterHistory([w, op('b', read, saw('1', 1), 1, 2)], initial).ok).toBe(true);
    // Two reads inside the write: once one sees the write, a later one cannot go back.
    expect(checkRegisterHistory([w, op('b', read, saw('1', 1), 1, 2), op('c', read, saw('init', 0), 3, 4)], initial).ok).toBe(false);
  });

  it('rejects two successful cas on the same version, and a cas answering the wrong version', () => {
    expect(checkRegisterHistory([op('a', cas(0, 'x'), ok(1), 0, 5), op('b', cas(0, 'y'), ok(1), 1, 6)], initial).ok).toBe(false);
    expect(checkRegisterHistory([op('a', cas(0, 'x'), ok(2), 0, 5)], initial).ok).toBe(false);
    expect(checkRegisterHistory([op('a', cas(0, 'x'), ok(1), 0, 5), op('b', cas(0, 'y'), fail, 1, 6)], initial).ok).toBe(true);
  });

  it('lets an unknown write take effect any time after its invocation, even long after, or never', () => {
    const lost = op('a', write('1'), unknown, 0);
    expect(checkRegisterHistory([lost, op('b', read, saw('init', 0), 5, 6)], initial).ok).toBe(true);
    expect(checkRegisterHistory([lost, op('b', read, saw('init', 0), 5, 6), op('b', read, saw('1', 1), 100, 101)], initial).ok).toBe(true);
    // ... but not before it was invoked.
    expect(checkRegisterHistory([op('b', read, saw('1', 1), 0, 1), op('a', write('1'), unknown, 5)], initial).ok).toBe(false);
  });

  it('rejects the isolated-leader history: BADVERSION judged against a cas that never took effect', () => {
    // A's cas(v0) has no answer; B reads v0, its cas(v0) gets BADVERSION; later the register is still at v0.
    const history = [
      op('A', cas(0, 'from-a'), unknown, 0),
      op('B', read, saw('init', 0), 1, 2),
      op('B', cas(0, 'from-b'), fail, 3, 4),
      op('C', read, saw('init', 0), 50, 51),
    ];
    const result = checkRegisterHistory(history, initial);
    expect(result).toMatchObject({ ok: false, inconclusive: false });
    if (!result.ok) expect(result.message).toContain('B cas(v0 -> "from-b") = BADVERSION');
    // Had A's cas taken effect (the register later at v1 with A's value), the same answers are fine.
    expect(checkRegisterHistory([...history.slice(0, 3), op('C', read, saw('from-a', 1), 50, 51)], initial).ok).toBe(true);
  });

  it('ignores reads without an answer and reports an exhausted budget as inconclusive', () => {
    expect(checkRegisterHistory([op('a', read, unknown, 0), op('b', write('1'), ok(1), 1, 2)], initial).ok).toBe(true);
    const many = Array.from({ length: 12 }, (_, i) => op(`c${i}`, write(String(i)), unknown, i));
    const result = checkRegisterHistory([...many, op('z', read, saw('nobody wrote this', 1), 20, 21)], initial, { maxSteps: 50 });
    expect(result).toMatchObject({ ok: false, inconclusive: true });
  });

  it('finds the order of a busy concurrent history quickly', () => {
    // 5 clients doing cas rounds on a register: each round one winner, the others BADVERSION.
    const history: RegisterOperation[] = [];
    let t = 0;
    for (let round = 0; round < 300; round++) {
      const winner = round % 5;
      for (let c = 0; c < 5; c++) {
        history.push(op(`c${c}`, cas(round, `r${round}c${c}`), c === winner ? ok(round + 1) : fail, t + c * 0.1, t + 1 + c * 0.1));
      }
      history.push(op('reader', read, saw(`r${round}c${winner}`, round + 1), t + 0.5, t + 1.6));
      t += 2;
    }
    const started = performance.now();
    expect(checkRegisterHistory(history, initial).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
