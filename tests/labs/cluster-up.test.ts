import { describe, expect, it } from 'vitest';
import { clusterUp } from '../../src/labs/cluster-up/cluster-up.ts';
import { expectAllFailing, proveLab, startLab } from './support/lab-harness.ts';

describe('lab cluster-up', () => {
  it('fails on a down cluster, saying what it saw, and passes after the reference solution', async () => {
    await proveLab(clusterUp);
  });

  it('says the cluster is down, not a stack trace, when a check needs a down cluster', async () => {
    await using lab = await startLab(clusterUp);
    const result = await lab.grade('bring-up');
    expect(result.checks.find((check) => check.id === 'zookeeper-quorum')?.saw).toBe('0 of 3 ZooKeeper nodes running; leader: none; followers: none');
    expect(result.checks.find((check) => check.id === 'brokers-registered')).toMatchObject({ passed: false, saw: 'the cluster is down' });
    expect(result.checks.find((check) => check.id === 'brokers-registered')?.expected).toMatch(/bring it up/);
  });

  it('near miss: a controller answer that was right before the controller moved is wrong after', async () => {
    await using lab = await startLab(clusterUp);
    await lab.solve('bring-up');
    await lab.solve('find-controller');
    const before = lab.answers.controller;
    expect((await lab.grade('find-controller')).passed).toBe(true);
    await lab.runtime.nodeAction(`kafka-${before}`, 'stop');
    await expect.poll(async () => (await lab.runtime.status()).kafka?.controllerId, { timeout: 15_000 }).not.toBe(Number(before));
    const after = await lab.grade('find-controller');
    expectAllFailing(after);
  });

  it('near miss: two ZooKeeper nodes and no quorum do not pass bring-up', async () => {
    await using lab = await startLab(clusterUp);
    await lab.solve('bring-up');
    await lab.runtime.nodeAction('zookeeper-3', 'stop');
    const result = await lab.grade('bring-up');
    expect(result.checks.find((check) => check.id === 'zookeeper-quorum')).toMatchObject({ passed: false, saw: expect.stringContaining('2 of 3') });
  });
});
