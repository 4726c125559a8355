import { describe, expect, it } from 'vitest';
import { Election } from './election.ts';
import type { ElectionResult } from './election.ts';
import type { PeerMessage } from './quorum-messages.ts';

/** Elections wired through a synchronous-enough fake network (microtask delivery). */
function elections(zxids: Record<number, bigint>, running: number[] = Object.keys(zxids).map(Number)) {
  const members = Object.keys(zxids).map(Number);
  const results = new Map<number, ElectionResult>();
  const all = new Map<number, Election>();
  for (const id of members) {
    const election = new Election(
      {
        id,
        members,
        quorum: Math.floor(members.length / 2) + 1,
        loggedZxid: () => zxids[id],
        acceptedEpoch: () => 0,
        send: (to: number, message: PeerMessage) => {
          if (message.type === 'vote') queueMicrotask(() => all.get(to)?.receive(id, message));
        },
        rebroadcastMs: 50,
        finalizeWaitMs: 10,
      },
      (result) => results.set(id, result),
    );
    all.set(id, election);
  }
  for (const id of running) all.get(id)?.start();
  return { results, all };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('fast leader election', () => {
  it('elects the highest id when zxids are equal', async () => {
    const { results, all } = elections({ 1: 0n, 2: 0n, 3: 0n });
    await settle();
    expect([...results.values()].map((r) => r.leader)).toEqual([3, 3, 3]);
    for (const e of all.values()) e.stop();
  });

  it('elects the highest last zxid before the highest id', async () => {
    const { results, all } = elections({ 1: 0x1_0000_0005n, 2: 0x1_0000_0007n, 3: 0x1_0000_0006n });
    await settle();
    expect([...results.values()].map((r) => r.leader)).toEqual([2, 2, 2]);
    for (const e of all.values()) e.stop();
  });

  it('needs a quorum: one member of three never decides, two do', async () => {
    const alone = elections({ 1: 0n, 2: 0n, 3: 0n }, [1]);
    await settle();
    expect(alone.results.size).toBe(0);
    alone.all.get(2)?.start();
    await settle();
    expect([...alone.results.values()].map((r) => r.leader)).toEqual([2, 2]);
    for (const e of alone.all.values()) e.stop();
  });
});
