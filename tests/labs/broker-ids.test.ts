import { describe, expect, it } from 'vitest';
import { brokerIds } from '../../src/labs/broker-ids/broker-ids.ts';
import { expectAllFailing, expectAllPassing, proveLab, startLab } from './support/lab-harness.ts';
import { expectCatalogComplete } from './support/lab-catalog.ts';

const leaderOf = async (lab: Awaited<ReturnType<typeof startLab>>, partition: number) =>
  (await lab.runtime.status()).kafka?.topics.find((topic) => topic.name === 'payments')?.partitions.find((p) => p.partition === partition)?.leader;

describe('lab broker-ids', () => {
  it('has every message it needs', () => {
    expectCatalogComplete(brokerIds);
  });

  it('fails before the learner acts, saying what it saw, and passes after the reference solution', async () => {
    await proveLab(brokerIds);
  });

  it('near misses: the default ids 1, 2, 3, or two of the three, are not the broker ids; node names and “broker N” are', async () => {
    await using lab = await startLab(brokerIds);
    for (const wrong of ['1, 2, 3', '101, 102', 'kafka-4']) {
      lab.answers['broker-ids'] = wrong;
      expectAllFailing(await lab.grade('list-brokers'));
    }
    for (const right of ['101, 102, 103', '[103,101,102]', 'kafka-1, kafka-2 and kafka-3', 'brokers 101 102 103']) {
      lab.answers['broker-ids'] = right;
      expectAllPassing(await lab.grade('list-brokers'));
    }
  });

  it('near misses: partition numbers are not leaders, and a map that was right before a leader stopped is wrong after', async () => {
    await using lab = await startLab(brokerIds);
    Object.assign(lab.answers, { 'partition-0-leader': '100', 'partition-1-leader': '101', 'partition-2-leader': '102' });
    const guessed = await lab.grade('map-leaders');
    expect(guessed.checks.find((check) => check.id === 'partition-0-leader')).toMatchObject({ passed: false, saw: '“100”' });
    expect(guessed.passed).toBe(false);

    await lab.solve('map-leaders');
    const leader = Number(lab.answers['partition-0-leader']);
    lab.answers['partition-0-leader'] = `kafka-${leader - 100}`;
    lab.answers['partition-1-leader'] = `broker ${lab.answers['partition-1-leader']}`;
    expectAllPassing(await lab.grade('map-leaders'));

    await lab.runtime.nodeAction(`kafka-${leader - 100}`, 'stop');
    await expect.poll(() => leaderOf(lab, 0), { timeout: 15_000 }).not.toBe(leader);
    const after = await lab.grade('map-leaders');
    expect(after.checks.find((check) => check.id === 'partition-0-leader')).toMatchObject({ passed: false });
  });

  it('near misses: with every broker running, or another broker than the first-listed one stopped, bootstrapping proves nothing', async () => {
    await using lab = await startLab(brokerIds);
    const running = await lab.grade('bootstrap-past-stopped');
    expectAllFailing(running);
    expect(running.checks[0].saw).toMatch(/^kafka-1 \(broker 101, [^)]+\), first in the bootstrap list, is running/);

    await lab.runtime.nodeAction('kafka-2', 'stop');
    const otherStopped = await lab.grade('bootstrap-past-stopped');
    expectAllFailing(otherStopped);
    expect(otherStopped.checks[0].saw).toMatch(/^kafka-1 .* is running/);
  });

  it('says which brokers the client learned about when it bootstraps past the stopped kafka-1', async () => {
    await using lab = await startLab(brokerIds);
    await lab.solve('bootstrap-past-stopped');
    const result = await lab.grade('bootstrap-past-stopped');
    expectAllPassing(result);
    expect(result.checks[0].saw).toMatch(/^kafka-1 \(broker 101, [^)]+\) is stopped; a client given \S+ still got metadata: brokers (101, )?102, 103, controller 10[23]$/);
  });
});
