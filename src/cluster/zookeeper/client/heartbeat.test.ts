import { afterEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat, heartbeatTimings } from './heartbeat.ts';

describe('Heartbeat', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses the Java client timings', () => {
    expect(heartbeatTimings(6000)).toEqual({ readTimeoutMs: 4000, pingIntervalMs: 2000 });
    expect(heartbeatTimings(40_000)).toEqual({ readTimeoutMs: 26_666, pingIntervalMs: 10_000 });
  });

  it('pings when nothing was sent and gives up when nothing arrives', () => {
    vi.useFakeTimers();
    const pings: number[] = [];
    const dead: number[] = [];
    const heartbeat = new Heartbeat({
      pingIntervalMs: 100,
      readTimeoutMs: 250,
      sendPing: () => pings.push(Date.now()),
      onReadTimeout: (ms) => dead.push(ms),
    });
    vi.advanceTimersByTime(99);
    expect(pings).toHaveLength(0);
    heartbeat.sent(); // a request went out: no ping needed yet
    vi.advanceTimersByTime(99);
    expect(pings).toHaveLength(0);
    vi.advanceTimersByTime(2);
    expect(pings).toHaveLength(1);
    heartbeat.received();
    vi.advanceTimersByTime(249);
    expect(dead).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(dead).toEqual([250]);
    const count = pings.length;
    vi.advanceTimersByTime(1000);
    expect(pings).toHaveLength(count);
  });

  it('stops', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const heartbeat = new Heartbeat({
      pingIntervalMs: 10,
      readTimeoutMs: 20,
      sendPing: () => calls.push('ping'),
      onReadTimeout: () => calls.push('dead'),
    });
    heartbeat.stop();
    vi.advanceTimersByTime(100);
    expect(calls).toEqual([]);
  });
});
