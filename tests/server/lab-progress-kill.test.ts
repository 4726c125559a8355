import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReply, HintReply, ProgressReply } from '../../src/server/labs/lab-api.ts';
import { startKafkalab, type RunningKafkalab } from '../support/start-kafkalab.ts';

/**
 * Progress is on disk once answered: a real `kafkalab start` process (no cluster, so the default ports
 * stay free) records a failed check and a hint, is killed with SIGKILL, and a new one on the same
 * KAFKALAB_DATA_DIR shows both.
 */
describe('lab progress survives kill -9 of the server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kafkalab-kill-'));
  const start = () => startKafkalab(['--port', '0', '--no-cluster', '--no-build'], 60_000, { KAFKALAB_DATA_DIR: dataDir });
  const post = async <T>(server: RunningKafkalab, path: string, body: unknown = {}) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  };
  const progressOf = async (server: RunningKafkalab) => ((await (await fetch(`${server.url}/api/progress`)).json()) as ProgressReply).labs.find((lab) => lab.id === 'cluster-up');

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a failed attempt and a used hint', async () => {
    const first = await start();
    try {
      expect(first.output()).toContain(`Lab progress is kept in ${join(dataDir, 'progress.sqlite')}`);
      const check = await post<CheckReply>(first, '/api/labs/cluster-up/check');
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ passed: false, currentStep: 'bring-up' });
      expect(check.body.steps[0].checks.map((result) => [result.id, result.passed, result.saw])).toEqual([
        ['zookeeper-quorum', false, '0 of 3 ZooKeeper nodes running; leader: none; followers: none'],
        ['brokers-registered', false, 'the cluster is down'],
        ['controller-elected', false, 'the cluster is down'],
      ]);
      const hint = await post<HintReply>(first, '/api/labs/cluster-up/steps/bring-up/hint');
      expect(hint.body).toMatchObject({ index: 1, total: 2 });
    } finally {
      const exited = new Promise((resolve) => first.process.once('exit', (code, signal) => resolve(signal)));
      first.process.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    }

    await using second = await start();
    const lab = await progressOf(second);
    expect(lab?.steps[0]).toMatchObject({ id: 'bring-up', state: 'current', hintsUsed: 1, attempts: 1, checks: { passed: 0, total: 3 } });
    const view = (await (await fetch(`${second.url}/api/labs/cluster-up`)).json()) as { steps: Array<{ hints: { unlocked: string[] }; lastResult?: { checks: unknown[] } }> };
    expect(view.steps[0].hints.unlocked).toHaveLength(1);
    expect(view.steps[0].lastResult?.checks).toHaveLength(3);
  });
});
