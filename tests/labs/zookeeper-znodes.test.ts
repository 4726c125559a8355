import { describe, expect, it } from 'vitest';
import { zookeeperZnodes } from '../../src/labs/zookeeper-znodes/zookeeper-znodes.ts';
import { expectAllFailing, expectAllPassing, proveLab, startLab, type RunningLab } from './support/lab-harness.ts';
import { expectCatalogComplete } from './support/lab-catalog.ts';

async function partition0(lab: RunningLab) {
  return (await lab.runtime.status()).kafka?.topics.find((topic) => topic.name === 'inventory')?.partitions.find((p) => p.partition === 0);
}

describe('lab zookeeper-znodes', () => {
  it('has every message it needs', () => {
    expectCatalogComplete(zookeeperZnodes);
  });

  it('fails before the learner acts, saying what it saw, and passes after the reference solution', async () => {
    await proveLab(zookeeperZnodes);
  });

  it('reads answers the way zookeeper-shell prints them', async () => {
    await using lab = await startLab(zookeeperZnodes);
    await lab.solve('partition-state');
    const isr = lab.answers.isr.split(', ');
    lab.answers.isr = `[${[...isr].reverse().join(',')}]`;
    lab.answers['leader-epoch'] = `"leader_epoch":${lab.answers['leader-epoch']}`;
    expectAllPassing(await lab.grade('partition-state'));
    lab.answers['registered-brokers'] = '[1, 2, 3]';
    expectAllPassing(await lab.grade('broker-registrations'));
  });

  it('near miss: ISR, leader epoch and registrations that were right before a broker stopped are wrong after', async () => {
    await using lab = await startLab(zookeeperZnodes);
    await lab.solve('broker-registrations');
    await lab.solve('partition-state');
    expectAllPassing(await lab.grade('partition-state'));
    const before = await partition0(lab);
    expect(before?.isr).toHaveLength(3);

    await lab.runtime.nodeAction(`kafka-${before!.leader}`, 'stop');
    await expect.poll(async () => (await partition0(lab))?.isr.length, { timeout: 15_000 }).toBe(2);
    expectAllFailing(await lab.grade('partition-state'));
    expectAllFailing(await lab.grade('broker-registrations'));
  });

  it('near miss: two brokers stopped is not “one broker stopped”, and says so', async () => {
    await using lab = await startLab(zookeeperZnodes);
    await lab.solve('stop-a-broker');
    expectAllPassing(await lab.grade('stop-a-broker'));
    const running = (await lab.runtime.status()).nodes.find((node) => node.kind === 'kafka' && node.state === 'running')!;
    await lab.runtime.nodeAction(running.name, 'stop');
    const result = await lab.grade('stop-a-broker');
    expect(result.checks.find((check) => check.id === 'broker-gone')).toMatchObject({ passed: false, saw: expect.stringMatching(/^2 brokers stopped \(kafka-\d, kafka-\d\)$/) });
  });
});
