import { describe, expect, it } from 'vitest';
import { OutputPump } from '../../src/server/terminal/output-pump.ts';
import { ReplayRing } from '../../src/server/terminal/replay-ring.ts';
import { TERMINAL_FLOW } from '../../src/terminal/terminal-protocol.ts';
import { FakeTerminalSession } from './support/fake-terminal-session.ts';

/** A page that draws slowly: it acknowledges each message `delayMs` after receiving it. */
function slowPage(delayMs: number) {
  const received: string[] = [];
  let pump: OutputPump | undefined;
  let maxUnacked = 0;
  return {
    received,
    get maxUnacked() {
      return maxUnacked;
    },
    connect(target: OutputPump) {
      pump = target;
      target.attach((data) => {
        received.push(data);
        maxUnacked = Math.max(maxUnacked, target.unacked);
        setTimeout(() => pump?.ack(data.length), delayMs);
      });
    },
  };
}

const lines = (count: number, width = 100) => Array.from({ length: count }, (_, i) => `${String(i).padStart(8, '0')} ${'x'.repeat(width - 10)}\n`);

describe('OutputPump', () => {
  it('sends the first write after a quiet spell at once, and gathers what follows it into one message within batchMs', async () => {
    const session = new FakeTerminalSession();
    const pump = new OutputPump(session);
    const sent: Array<{ data: string; at: number }> = [];
    let second: () => void = () => {};
    const gathered = new Promise<void>((resolve) => (second = resolve));
    pump.attach((data) => {
      sent.push({ data, at: performance.now() });
      if (sent.length === 2) second();
    });
    const start = performance.now();
    pump.write('a');
    // The echo of a keystroke: no timer.
    expect(sent.map((message) => message.data)).toEqual(['a']);
    for (const piece of ['b', 'c', 'd']) pump.write(piece);
    expect(sent).toHaveLength(1);
    await gathered;
    expect(sent.map((message) => message.data)).toEqual(['a', 'bcd']);
    // Within the batch time (plus a loaded machine's timer slack), not per write.
    expect(sent[1].at - start).toBeLessThan(TERMINAL_FLOW.batchMs + 50);
    pump.dispose();
  });

  it('sends the echo of input at once, even amid a burst', () => {
    const session = new FakeTerminalSession();
    const pump = new OutputPump(session);
    const sent: string[] = [];
    pump.attach((data) => sent.push(data));
    pump.write('burst 1');
    pump.write('burst 2');
    expect(sent).toEqual(['burst 1']);
    pump.inputArrived();
    pump.write('k');
    // The gathered output goes with the echo, in order.
    expect(sent).toEqual(['burst 1', 'burst 2k']);
    pump.write('after');
    expect(sent).toHaveLength(2);
    pump.dispose();
  });

  it('sends a full batch at once, in messages of at most batchMaxChars, never splitting a surrogate pair', () => {
    const session = new FakeTerminalSession();
    const pump = new OutputPump(session);
    const sent: string[] = [];
    pump.attach((data) => sent.push(data));
    pump.write('x');
    sent.length = 0;
    const text = 'y'.repeat(TERMINAL_FLOW.batchMaxChars - 1) + '😀' + 'z'.repeat(10);
    pump.write(text);
    // Not the quiet spell's first write: sent because the batch is full.
    expect(sent.join('')).toBe(text);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toHaveLength(TERMINAL_FLOW.batchMaxChars - 1);
    expect(sent[1].startsWith('😀')).toBe(true);
    pump.dispose();
  });

  it('pauses the session above the high watermark and resumes it below the low one, losing nothing, for a page that acks slowly', async () => {
    const session = new FakeTerminalSession();
    const pump = new OutputPump(session);
    const unsubscribe = session.onOutput((data) => pump.write(data));
    const page = slowPage(15);
    page.connect(pump);
    const chunks = lines(5000);
    await session.flood(chunks);
    pump.flush();
    await new Promise<void>((resolve) => {
      const wait = () => (pump.unacked === 0 ? resolve() : setTimeout(wait, 5));
      wait();
    });
    expect(page.received.join('')).toBe(chunks.join(''));
    expect(session.pauses).toBeGreaterThan(0);
    expect(session.resumes).toBe(session.pauses);
    // Bounded: at most one batch beyond the high watermark was ever in flight.
    expect(page.maxUnacked).toBeGreaterThan(TERMINAL_FLOW.highWatermark);
    expect(page.maxUnacked).toBeLessThanOrEqual(TERMINAL_FLOW.highWatermark + TERMINAL_FLOW.batchMaxChars + 100);
    expect(pump.paused).toBe(false);
    unsubscribe();
    pump.dispose();
  });

  it('while detached, keeps the last ring of output and pauses the session once it is full; a page attaching gets it as the screen', async () => {
    const session = new FakeTerminalSession();
    const ringChars = 20_000;
    const pump = new OutputPump(session, { ringChars });
    session.onOutput((data) => pump.write(data));
    pump.attach(() => {});
    pump.detach();
    const chunks = lines(1000);
    const flood = session.flood(chunks);
    await new Promise<void>((resolve) => {
      const wait = () => (session.paused ? resolve() : setImmediate(wait));
      wait();
    });
    // Paused once the unseen output filled the ring: 200 lines of 100 characters, no more.
    expect(pump.paused).toBe(true);
    expect(pump.replayChars).toBe(ringChars);
    const written = chunks.slice(0, ringChars / 100).join('');
    const page = slowPage(1);
    page.connect(pump);
    expect(page.received.join('')).toBe(written.slice(written.length - ringChars));
    await flood;
    pump.flush();
    expect(page.received.join('')).toBe(written.slice(written.length - ringChars) + chunks.slice(ringChars / 100).join(''));
    pump.dispose();
  });

  it('a page attaching to a session without output gets nothing until there is some', () => {
    const session = new FakeTerminalSession();
    const pump = new OutputPump(session);
    const sent: string[] = [];
    pump.attach((data) => sent.push(data));
    expect(sent).toEqual([]);
    expect(pump.paused).toBe(false);
    pump.dispose();
  });
});

describe('ReplayRing', () => {
  it('keeps the newest characters and, once trimmed, starts the replay at a line start', () => {
    const ring = new ReplayRing(10);
    ring.append('abc\n');
    ring.append('def');
    expect(ring.contents()).toBe('abc\ndef');
    ring.append('\nghijk');
    expect(ring.size).toBe(10);
    // '\ndef\nghijk': the first line kept whole, the cut one left out.
    expect(ring.contents()).toBe('def\nghijk');
    ring.append('lmn');
    // 'f\nghijklmn' minus the partial 'f'.
    expect(ring.contents()).toBe('ghijklmn');
  });
});
