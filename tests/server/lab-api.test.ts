import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp } from '../../src/labs/cluster-up/cluster-up.ts';
import type { CheckReply, HintReply, LabSummary, LabView, ProgressReply } from '../../src/server/labs/lab-api.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { probeLabs, probeTranslate } from './support/probe-labs.ts';
import { startLabServer, type LabServer } from './support/lab-server.ts';

/**
 * The lab API on a real embedded cluster (free ports), learner `local`: the cluster-up lab from a down
 * cluster to complete, through checks, hints and a skip; bad requests; progress kept per learner.
 */
describe('lab API: the cluster-up lab', () => {
  let runtime: EmbeddedRuntime;
  let server: LabServer;

  beforeAll(async () => {
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    server = await startLabServer({ runtime, labs: [clusterUp, ...probeLabs], translate: probeTranslate });
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    await runtime?.[Symbol.asyncDispose]();
  });

  it('lists the labs with their text and no progress yet', async () => {
    const { status, body } = await server.call<{ labs: LabSummary[] }>('GET', '/api/labs');
    expect(status).toBe(200);
    expect(body.labs.find((lab) => lab.id === 'cluster-up')).toEqual({
      id: 'cluster-up',
      chapter: 1,
      title: 'Bring the cluster up',
      goal: expect.stringContaining('controller'),
      stepCount: 2,
      progress: { passed: 0, skipped: 0, completed: false },
    });
  });

  it('shows a lab: its first step current, the rest pending, no solution, no hint unlocked', async () => {
    const { status, body } = await server.call<LabView>('GET', '/api/labs/cluster-up');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'cluster-up', chapter: 1, topics: [], cluster: { initialState: 'down' }, currentStep: 'bring-up', completed: false });
    expect(body.steps.map((step) => [step.id, step.state])).toEqual([
      ['bring-up', 'current'],
      ['find-controller', 'pending'],
    ]);
    expect(body.steps[0]).toMatchObject({ title: 'Start the cluster', hints: { total: 2, unlocked: [] }, questions: [] });
    expect(body.steps[0].instructions).toMatch(/Bring up/);
    expect(body.steps[1].questions).toEqual([{ id: 'controller', prompt: 'Which broker is the controller right now?' }]);
    expect(body.steps.some((step) => 'solution' in step || 'lastResult' in step)).toBe(false);
  });

  it('answers an unknown lab or step with 404 and what exists', async () => {
    for (const [method, url] of [
      ['GET', '/api/labs/no-such-lab'],
      ['POST', '/api/labs/no-such-lab/check'],
      ['POST', '/api/labs/no-such-lab/reset'],
      ['POST', '/api/labs/NOT%20A%20LAB/steps/bring-up/hint'],
    ] as const) {
      const { status, body } = await server.call(method, url);
      expect(status, url).toBe(404);
      expect(body.error, url).toMatchObject({ code: 'unknown_lab', hint: expect.stringContaining('cluster-up') });
    }
    for (const action of ['hint', 'skip']) {
      const { status, body } = await server.call('POST', `/api/labs/cluster-up/steps/no-such-step/${action}`);
      expect(status).toBe(404);
      expect(body).toEqual({ ok: false, error: { code: 'unknown_step', message: 'Lab "cluster-up" has no step called "no-such-step".', hint: 'Its steps: bring-up, find-controller.' } });
    }
  });

  it('refuses malformed check bodies with 400 in the project format', async () => {
    for (const payload of [[], { answers: 5 }, { answers: { controller: 7 } }, { answers: { 'Not An Id': '1' } }, { answers: { controller: 'x'.repeat(1001) } }]) {
      const { status, body } = await server.call('POST', '/api/labs/cluster-up/check', payload);
      expect(status, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(body).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^Invalid body/) } });
    }
    const notJson = await server.app.inject({ method: 'POST', url: '/api/labs/cluster-up/check', headers: { 'content-type': 'application/json' }, payload: '{"answers":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: { code: 'bad_request' } });
    const form = await server.app.inject({ method: 'POST', url: '/api/labs/cluster-up/check', headers: { 'content-type': 'text/plain' }, payload: '{}' });
    expect(form.statusCode).toBe(415);
    // Nothing was graded or recorded.
    expect((await server.call<ProgressReply>('GET', '/api/progress')).body.labs.find((lab) => lab.id === 'cluster-up')?.steps[0].attempts).toBe(0);
  });

  it('grades a check while the cluster is down: 200, failing checks that say so, the attempt recorded', async () => {
    const { status, body } = await server.call<CheckReply>('POST', '/api/labs/cluster-up/check');
    expect(status).toBe(200);
    expect(body).toMatchObject({ lab: 'cluster-up', passed: false, currentStep: 'bring-up' });
    expect(body.steps[0]).toMatchObject({ id: 'bring-up', state: 'current', passed: false });
    expect(body.steps[0].checks).toEqual([
      { id: 'zookeeper-quorum', passed: false, saw: '0 of 3 ZooKeeper nodes running; leader: none; followers: none', expected: '3 ZooKeeper nodes running: one leader, two followers' },
      { id: 'brokers-registered', passed: false, saw: 'the cluster is down', expected: expect.stringMatching(/bring it up/) },
      { id: 'controller-elected', passed: false, saw: 'the cluster is down', expected: expect.stringMatching(/bring it up/) },
    ]);
    expect(body.steps[1]).toEqual({ id: 'find-controller', state: 'pending', passed: false, checks: [] });
    const progress = (await server.call<ProgressReply>('GET', '/api/progress')).body;
    expect(progress.learner).toBe('local');
    expect(progress.labs.find((lab) => lab.id === 'cluster-up')?.steps[0]).toMatchObject({ state: 'current', attempts: 1, hintsUsed: 0, checks: { passed: 0, total: 3 } });
    const view = (await server.call<LabView>('GET', '/api/labs/cluster-up')).body;
    expect(view.steps[0].lastResult?.checks.map((check) => check.id)).toEqual(['zookeeper-quorum', 'brokers-registered', 'controller-elected']);
  });

  it('unlocks hints one at a time, then answers 409 no_more_hints', async () => {
    const first = await server.call<HintReply>('POST', '/api/labs/cluster-up/steps/bring-up/hint');
    expect(first).toEqual({ status: 200, body: { step: 'bring-up', index: 1, text: 'Use the Bring up button in the cluster panel, then check again.', unlocked: ['Use the Bring up button in the cluster panel, then check again.'], total: 2 } });
    const second = await server.call<HintReply>('POST', '/api/labs/cluster-up/steps/bring-up/hint');
    expect(second.body).toMatchObject({ index: 2, unlocked: [first.body.text, expect.stringMatching(/`kafkalab start <node>`/)], total: 2 });
    const third = await server.call('POST', '/api/labs/cluster-up/steps/bring-up/hint');
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: 'no_more_hints', hint: expect.stringContaining('/skip') });
    expect((await server.call<LabView>('GET', '/api/labs/cluster-up')).body.steps[0].hints.unlocked).toEqual(second.body.unlocked);
    expect((await server.call<ProgressReply>('GET', '/api/progress')).body.labs.find((lab) => lab.id === 'cluster-up')?.steps[0].hintsUsed).toBe(2);
  });

  it('skips only the current step', async () => {
    const { status, body } = await server.call('POST', '/api/labs/cluster-up/steps/find-controller/skip');
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'step_not_current', message: expect.stringContaining('"bring-up"') });
  });

  it('skip runs the reference solution on the cluster and records the step as skipped, not passed', async () => {
    const { status, body } = await server.call<LabView>('POST', '/api/labs/cluster-up/steps/bring-up/skip');
    expect(status).toBe(200);
    expect((await runtime.status()).state).toBe('up');
    expect(body).toMatchObject({ currentStep: 'find-controller', completed: false });
    expect(body.steps[0]).toMatchObject({ state: 'skipped', solution: ['kafkalab up', 'kafkalab status'] });
    expect(body.steps[1]).toMatchObject({ state: 'current' });
    expect(body.steps[1].solution).toBeUndefined();
    const step = (await server.call<ProgressReply>('GET', '/api/progress')).body.labs.find((lab) => lab.id === 'cluster-up')?.steps[0];
    expect(step).toMatchObject({ state: 'skipped', skippedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), hintsUsed: 2, attempts: 1, checks: { passed: 0, total: 3 } });
    expect(step?.passedAt).toBeUndefined();
    expect((await server.call<{ labs: LabSummary[] }>('GET', '/api/labs')).body.labs.find((lab) => lab.id === 'cluster-up')?.progress).toEqual({ passed: 0, skipped: 1, completed: false });
  });

  it('grades the question against the live cluster: a wrong broker fails, the controller passes and completes the lab', async () => {
    await expect.poll(async () => (await runtime.status()).kafka?.controllerId ?? null, { timeout: 10_000 }).not.toBeNull();
    const controller = (await runtime.status()).kafka!.controllerId!;
    const wrong = await server.call<CheckReply>('POST', '/api/labs/cluster-up/check', { answers: { controller: String(controller === 1 ? 2 : 1) } });
    expect(wrong.body).toMatchObject({ passed: false, currentStep: 'find-controller' });
    expect(wrong.body.steps[1]).toMatchObject({ state: 'current', passed: false, checks: [{ id: 'controller', passed: false }] });
    // The skipped step carries its recorded result (the attempt made while the cluster was down).
    expect(wrong.body.steps[0]).toMatchObject({ state: 'skipped', passed: false, checks: [{ id: 'zookeeper-quorum' }, { id: 'brokers-registered' }, { id: 'controller-elected' }] });

    // Its node name names it too.
    const name = (await runtime.status()).nodes.find((node) => node.kind === 'kafka' && node.id === controller)!.name;
    const right = await server.call<CheckReply>('POST', '/api/labs/cluster-up/check', { answers: { controller: name } });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ lab: 'cluster-up', passed: true, currentStep: null });
    expect(right.body.steps[1]).toMatchObject({ id: 'find-controller', state: 'passed', passed: true, checks: [{ id: 'controller', passed: true }] });
    const summary = (await server.call<{ labs: LabSummary[] }>('GET', '/api/labs')).body.labs.find((lab) => lab.id === 'cluster-up');
    expect(summary?.progress).toEqual({ passed: 1, skipped: 1, completed: true });
    const step = (await server.call<ProgressReply>('GET', '/api/progress')).body.labs.find((lab) => lab.id === 'cluster-up')?.steps[1];
    expect(step).toMatchObject({ state: 'passed', passedAt: expect.any(String), attempts: 2, checks: { passed: 1, total: 1 } });
    expect((await server.call<LabView>('GET', '/api/labs/cluster-up')).body.steps[1].solution).toEqual(clusterUp.steps[1].solution);
  });

  it('on a complete lab, a check grades nothing and a skip is refused', async () => {
    const check = await server.call<CheckReply>('POST', '/api/labs/cluster-up/check');
    expect(check.body).toMatchObject({ passed: true, currentStep: null });
    expect((await server.call<ProgressReply>('GET', '/api/progress')).body.labs.find((lab) => lab.id === 'cluster-up')?.steps[1].attempts).toBe(2);
    const skip = await server.call('POST', '/api/labs/cluster-up/steps/find-controller/skip');
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({ code: 'step_not_current', hint: expect.stringContaining('/reset') });
  });

  it('keeps progress per learner across a new engine and store on the same data dir', async () => {
    const before = (await server.call<ProgressReply>('GET', '/api/progress')).body;
    await using again = await startLabServer({ runtime, labs: [clusterUp, ...probeLabs], translate: probeTranslate, dataDir: server.dataDir });
    expect((await again.call<ProgressReply>('GET', '/api/progress')).body).toEqual(before);
    expect(again.engine.progress('someone-else').labs.find((lab) => lab.id === 'cluster-up')?.steps.map((step) => step.state)).toEqual(['current', 'pending']);
  });

  it('reset brings a down-starting lab back: the cluster down, its progress cleared', async () => {
    const { status, body } = await server.call<LabView & { resetMs: number }>('POST', '/api/labs/cluster-up/reset');
    expect(status).toBe(200);
    expect(body).toMatchObject({ currentStep: 'bring-up', completed: false, resetMs: expect.any(Number) });
    expect(body.steps.map((step) => [step.state, step.hints.unlocked.length, 'lastResult' in step])).toEqual([
      ['current', 0, false],
      ['pending', 0, false],
    ]);
    const cluster = (await server.call<ClusterStatus>('GET', '/api/cluster')).body;
    expect(cluster.state).toBe('down');
  });
});
