import { describe, expect, it } from 'vitest';
import { brokerFailure } from '../../src/labs/broker-failure/broker-failure.ts';
import type { StepResult } from '../../src/labs/grade.ts';
import { expectCatalogComplete } from './support/lab-catalog.ts';
import { proveLab, startLab, type RunningLab } from './support/lab-harness.ts';

function check(result: StepResult, id: string) {
  const found = result.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`step ${result.id} has no check ${id}`);
  return found;
}

/** Partition `partition` of `test` as the runtime's status shows it. */
async function testPartition(lab: RunningLab, partition: number) {
  return (await lab.runtime.status()).kafka?.topics.find((topic) => topic.name === 'test')?.partitions.find((p) => p.partition === partition);
}

describe('lab broker-failure', () => {
  it('has every text its page needs in the English catalog', () => {
    expectCatalogComplete(brokerFailure);
  });

  it('each step fails on the cluster as the learner finds it, saying what it saw, and passes after the reference solution', { timeout: 120_000 }, async () => {
    await proveLab(brokerFailure);
  });

  it('starts from the chapter’s layout: kafka-2 leads test-0, 20 records, full ISRs', { timeout: 60_000 }, async () => {
    await using lab = await startLab(brokerFailure);
    expect(await testPartition(lab, 0)).toMatchObject({ leader: 2, replicas: [2, 3, 1], isr: expect.arrayContaining([1, 2, 3]) });
    expect(await testPartition(lab, 1)).toMatchObject({ leader: 3, replicas: [3, 1, 2] });
    const stop = await lab.grade('stop-broker');
    expect(check(stop, 'broker-stopped').saw).toBe('kafka-2 is running');
    expect(check(stop, 'leaders-moved').saw).toMatch(/^test-0: leader 2, ISR [123], [123], [123] \(replicas 2, 3, 1\); test-1: leader 3/);
  });

  it('near miss: stopping kafka-3 instead of kafka-2 does not pass', { timeout: 60_000 }, async () => {
    await using lab = await startLab(brokerFailure);
    await lab.runtime.nodeAction('kafka-3', 'stop');
    await expect.poll(async () => (await testPartition(lab, 1))?.isr, { timeout: 15_000 }).not.toContain(3);
    const result = await lab.grade('stop-broker');
    expect(result.passed).toBe(false);
    expect(check(result, 'broker-stopped')).toMatchObject({ passed: false, saw: 'kafka-2 is running' });
    expect(check(result, 'broker-unregistered')).toMatchObject({ passed: false, saw: 'brokers registered in /brokers/ids: 1, 2' });
    expect(check(result, 'isr-shrank').passed).toBe(false);
  });

  it('near miss: an isolated kafka-2 (a network cut) is not a stopped one, even once it is out of the ISR', { timeout: 60_000 }, async () => {
    await using lab = await startLab(brokerFailure);
    await lab.runtime.nodeAction('kafka-2', 'isolate');
    await expect.poll(async () => (await testPartition(lab, 0))?.isr, { timeout: 20_000 }).not.toContain(2);
    const result = await lab.grade('stop-broker');
    expect(check(result, 'broker-stopped')).toMatchObject({ passed: false, saw: expect.stringContaining('kafka-2 is isolated'), hint: expect.stringContaining('heal it') });
    expect(result.passed).toBe(false);
  });

  it('near miss: the lab’s records and the grader’s own probes are not the learner’s write, and a write after kafka-2 is back does not count', { timeout: 90_000 }, async () => {
    await using lab = await startLab(brokerFailure);
    await lab.solve('stop-broker');
    for (let attempt = 0; attempt < 2; attempt++) {
      // The second grading sees the first one's probe records: still none of the learner's.
      const result = await lab.grade('write-and-read');
      expect(check(result, 'acks-all-write')).toMatchObject({ passed: false, saw: expect.stringContaining('records of yours in test: 0') });
      expect(check(result, 'acks-all-write').saw).toMatch(/^the grader’s acks=all writes to every partition of test were accepted/);
      expect(check(result, 'records-readable')).toMatchObject({ passed: false, saw: 'read back 20 of the 20 records written before the failure, and 0 of yours' });
    }
    await lab.runtime.nodeAction('kafka-2', 'start');
    await lab.solve('write-and-read');
    const result = await lab.grade('write-and-read');
    expect(check(result, 'acks-all-write')).toMatchObject({ passed: false, saw: expect.stringContaining('kafka-2 is running'), hint: expect.stringContaining('Stop it') });
    expect(check(result, 'records-readable').passed).toBe(true);
  });

  it('near miss: after kafka-2 returns, its preferred leadership is not back yet, so "2" is the wrong leader', { timeout: 90_000 }, async () => {
    await using lab = await startLab(brokerFailure);
    await lab.solve('stop-broker');
    await lab.solve('write-and-read');
    await lab.solve('start-broker');
    expect(lab.answers['leader-after-return']).toBe('3');
    lab.answers['leader-after-return'] = 'kafka-2';
    const result = await lab.grade('start-broker');
    expect(check(result, 'isr-full').passed).toBe(true);
    expect(check(result, 'leader-after-return')).toMatchObject({ passed: false, saw: '“kafka-2”' });
  });
});
