import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CheckReply, HintReply } from '../../src/server/labs/lab-api.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { gradingLog, probeLabs, probeTranslate } from './support/probe-labs.ts';
import { startLabServer, type LabServer } from './support/lab-server.ts';

/** How the engine grades: one check at a time per lab, hanging checks cut and reported, results pushed to open pages. */
describe('lab grading', () => {
  let runtime: EmbeddedRuntime;
  let server: LabServer;

  beforeAll(async () => {
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    await runtime.up();
    server = await startLabServer({ runtime, labs: probeLabs, translate: probeTranslate });
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    await runtime?.[Symbol.asyncDispose]();
  });

  it('serialises concurrent checks of one lab: the second grades after the first, never beside it', async () => {
    gradingLog.length = 0;
    const [first, second] = await Promise.all([
      server.call<CheckReply>('POST', '/api/labs/probe-one-at-a-time/check'),
      server.call<CheckReply>('POST', '/api/labs/probe-one-at-a-time/check'),
    ]);
    expect(gradingLog).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    for (const reply of [first, second]) {
      expect(reply.status).toBe(200);
      expect(reply.body.steps[0].checks).toEqual([{ id: 'alone', passed: false, saw: 'graded alone', expected: 'graded alone' }]);
    }
    const step = server.engine.progress('local').labs.find((lab) => lab.id === 'probe-one-at-a-time')?.steps[0];
    expect(step?.attempts).toBe(2);
  });

  it('cuts a hanging check at its timeout and reports it timedOut, grading the rest of the step', async () => {
    const started = Date.now();
    const { status, body } = await server.call<CheckReply>('POST', '/api/labs/probe-hanging/check');
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(body.steps[0].checks).toEqual([
      { id: 'hangs', passed: false, timedOut: true, saw: 'no answer from the cluster within 0.3 s', expected: 'an answer within the check’s time limit' },
      { id: 'answers', passed: true, saw: 'an answer', expected: 'an answer' },
    ]);
    expect(server.engine.lab('local', 'probe-hanging').steps[0].lastResult?.checks[0]).toMatchObject({ id: 'hangs', timedOut: true });
    // The lab's queue is free again.
    expect((await server.call<CheckReply>('POST', '/api/labs/probe-hanging/check')).body.steps[0].checks[0]).toMatchObject({ timedOut: true });
  });

  it('keeps a lab session’s notes across a new engine and store on the same data dir; a reset clears them', async () => {
    expect((await server.call<CheckReply>('POST', '/api/labs/probe-notes/check')).body.currentStep).toBe('recall');
    {
      await using again = await startLabServer({ runtime, labs: probeLabs, translate: probeTranslate, dataDir: server.dataDir });
      const recall = await again.call<CheckReply>('POST', '/api/labs/probe-notes/check');
      expect(recall.body).toMatchObject({ passed: true, steps: [{ state: 'passed' }, { state: 'passed', checks: [{ id: 'reads-note', passed: true, saw: 'step 1' }] }] });
    }
    // The cluster is up and every node running: this reset changes nothing on it.
    await server.call('POST', '/api/labs/probe-notes/reset');
    expect(server.store.notes('local', 'probe-notes').size).toBe(0);
  });

  it('pushes lab-check and lab-progress messages to open pages on /api/events', async () => {
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.app.server.address() as AddressInfo;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/events`);
    const messages: Array<{ type: string; lab?: string; result?: CheckReply }> = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      const check = await server.call<CheckReply>('POST', '/api/labs/probe-seeded/check');
      await expect.poll(() => messages.find((message) => message.type === 'lab-check'), { timeout: 5_000 }).toEqual({ type: 'lab-check', lab: 'probe-seeded', result: check.body });
      const hint = await server.call<HintReply>('POST', '/api/labs/probe-seeded/steps/look/hint');
      expect(hint.body.text).toBe('Hint 1 of look.');
      await expect.poll(() => messages.filter((message) => message.type === 'lab-progress'), { timeout: 5_000 }).toEqual([{ type: 'lab-progress', lab: 'probe-seeded' }]);
    } finally {
      socket.close();
    }
  });
});
