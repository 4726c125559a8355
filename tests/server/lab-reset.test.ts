import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReply, HintReply, ResetReply } from '../../src/server/labs/lab-api.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { keptClosures, probeLabs, probeTranslate } from './support/probe-labs.ts';
import { startLabServer, type LabServer } from './support/lab-server.ts';

/** A lab's reset brings the cluster to its starting state in place; the learner's page activity reaches checks. */
describe('lab reset and activity', () => {
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

  const nodeStates = async () => Object.fromEntries((await runtime.status()).nodes.map((node) => [node.name, node.state]));
  const allRunning = { 'zookeeper-1': 'running', 'zookeeper-2': 'running', 'zookeeper-3': 'running', 'kafka-1': 'running', 'kafka-2': 'running', 'kafka-3': 'running' };
  const userTopics = (topics: string[]) => topics.filter((topic) => !topic.startsWith('__')).sort();
  const withAdmin = async <T>(work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> => {
    const status = await runtime.status();
    const admin = new Kafka({ clientId: 'lab-reset-test', brokers: status.connections.bootstrapServers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  };

  it('hands checks what the learner did through /api/cluster, and not what a reset did', async () => {
    const stopped = await server.call<ClusterStatus>('POST', '/api/cluster/nodes/kafka-3/stop');
    expect(stopped.status).toBe(200);
    const check = await server.call<CheckReply>('POST', '/api/labs/probe-activity/check');
    expect(check.body.steps[0].checks).toEqual([{ id: 'saw-activity', passed: true, saw: 'node-action: kafka-3 stop', expected: 'node-action: kafka-3 stop' }]);

    const reset = await server.call<ResetReply>('POST', '/api/labs/probe-activity/reset');
    expect(reset.status).toBe(200);
    expect(await nodeStates()).toEqual(allRunning);
    // The reset started kafka-3 itself; activity counts from the reset on.
    const after = await server.call<CheckReply>('POST', '/api/labs/probe-activity/check');
    expect(after.body.steps[0].checks[0]).toMatchObject({ passed: false, saw: 'no activity' });
  });

  it('restores the starting state: stopped nodes started, isolated ones healed, the attempt’s topic removed, the seed topic made, progress cleared', async () => {
    await server.call<HintReply>('POST', '/api/labs/probe-seeded/steps/look/hint');
    await server.call<CheckReply>('POST', '/api/labs/probe-seeded/check');
    await withAdmin((admin) => admin.createTopics({ topics: [{ topic: 'probe-made', numPartitions: 1 }], waitForLeaders: true }));
    await runtime.nodeAction('kafka-2', 'kill');
    await runtime.nodeAction('zookeeper-1', 'stop');
    await runtime.nodeAction('zookeeper-3', 'isolate');
    expect(await nodeStates()).toMatchObject({ 'kafka-2': 'stopped', 'zookeeper-1': 'stopped', 'zookeeper-3': 'isolated' });

    const { status, body } = await server.call<ResetReply>('POST', '/api/labs/probe-seeded/reset');
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ id: 'probe-seeded', topics: ['probe-seed'], currentStep: 'look', resetMs: expect.any(Number) });
    expect(body.steps[0]).toMatchObject({ state: 'current', hints: { total: 1, unlocked: [] } });
    expect(body.steps[0].lastResult).toBeUndefined();
    expect(await nodeStates()).toEqual(allRunning);
    const registered = await withAdmin(async (admin) => ({ topics: userTopics(await admin.listTopics()), brokers: (await admin.describeCluster()).brokers.map((broker) => broker.nodeId).sort() }));
    expect(registered).toEqual({ topics: ['probe-seed'], brokers: [1, 2, 3] });
    expect(server.engine.progress('local').labs.find((lab) => lab.id === 'probe-seeded')?.steps[0]).toMatchObject({ hintsUsed: 0, attempts: 0 });

    const check = await server.call<CheckReply>('POST', '/api/labs/probe-seeded/check');
    expect(check.body).toMatchObject({ passed: true, currentStep: null });
  });

  it('is quick when the cluster is already in its starting state, and keeps the seed', async () => {
    const { body } = await server.call<ResetReply>('POST', '/api/labs/probe-seeded/reset');
    expect(body.resetMs).toBeLessThan(2_000);
    expect(userTopics(await withAdmin((admin) => admin.listTopics()))).toEqual(['probe-seed']);
  });

  it('runs a lab on its own broker ids, and the next lab on the runtime’s again', async () => {
    const custom = await server.call<ResetReply>('POST', '/api/labs/probe-broker-ids/reset');
    expect(custom.status, JSON.stringify(custom.body)).toBe(200);
    const ids = async () => (await runtime.status()).nodes.filter((node) => node.kind === 'kafka').map((node) => node.id);
    expect(await ids()).toEqual([101, 102, 103]);
    const check = await server.call<CheckReply>('POST', '/api/labs/probe-broker-ids/check');
    expect(check.body.steps[0].checks[0]).toMatchObject({ passed: true, saw: 'brokers registered in /brokers/ids: 101, 102, 103' });

    const back = await server.call<ResetReply>('POST', '/api/labs/probe-seeded/reset');
    expect(back.status).toBe(200);
    expect(await ids()).toEqual([1, 2, 3]);
    expect((await runtime.status()).state).toBe('up');
  });

  it('releases a reference solution’s kept clients when any lab of the learner is reset, and when the cluster goes down', async () => {
    keptClosures.count = 0;
    expect((await server.call('POST', '/api/labs/probe-kept/steps/keep/skip')).status).toBe(200);
    expect(keptClosures.count).toBe(0);
    await server.call('POST', '/api/labs/probe-seeded/reset');
    expect(keptClosures.count).toBe(1);

    await server.call('POST', '/api/labs/probe-kept/reset');
    await server.call('POST', '/api/labs/probe-kept/steps/keep/skip');
    const down = await server.call<ClusterStatus>('POST', '/api/cluster/down');
    expect(down.body.state).toBe('down');
    await expect.poll(() => keptClosures.count, { timeout: 5_000 }).toBe(2);
  });
});
