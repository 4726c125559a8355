import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../src/labs/grade.ts';
import { kraftMapping } from '../../src/labs/kraft-mapping/kraft-mapping.ts';
import { expectCatalogComplete } from './support/lab-catalog.ts';
import { proveLab, startLab, type RunningLab } from './support/lab-harness.ts';

function check(result: StepResult, id: string) {
  const found = result.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`step ${result.id} has no check ${id}`);
  return found;
}

async function controllerId(lab: RunningLab): Promise<number | null | undefined> {
  return (await lab.runtime.status()).kafka?.controllerId;
}

describe('lab kraft-mapping', () => {
  it('has every text its page needs in the English catalog', () => {
    expectCatalogComplete(kraftMapping);
  });

  it('each step fails on the cluster as the learner finds it, saying what it saw, and passes after the reference solution', { timeout: 90_000 }, async () => {
    await proveLab(kraftMapping);
  });

  it('reads the usual spellings of each counterpart, and a neighbouring counterpart is wrong', { timeout: 60_000 }, async () => {
    await using lab = await startLab(kraftMapping);
    const passes = async (question: string, answer: string) => {
      lab.answers[question] = answer;
      return check(await lab.grade('map-znodes'), question).passed;
    };
    const right: Array<[string, string]> = [
      ['brokers-ids', '(b)'],
      ['brokers-ids', 'RegisterBrokerRecord'],
      ['brokers-ids', 'broker registration + heartbeats'],
      ['controller', 'C'],
      ['controller', 'the active controller'],
      ['controller', 'Raft leader of the controller quorum'],
      ['partition-state', 'PartitionChangeRecord'],
      ['partition-state', 'partition records in __cluster_metadata'],
      ['controller-epoch', 'the Raft leader epoch'],
      ['controller-epoch', 'LeaderEpoch'],
      ['topic-config', 'ConfigRecord'],
      ['topic-config', 'option c'],
    ];
    for (const [question, answer] of right) expect(await passes(question, answer), `${question}: ${answer}`).toBe(true);
    const wrong: Array<[string, string]> = [
      ['brokers-ids', 'node.id'],
      ['brokers-ids', 'a'],
      ['controller', 'the Raft leader epoch'],
      ['controller', 'RegisterBrokerRecord'],
      ['partition-state', 'TopicRecord'],
      ['controller-epoch', 'the active controller'],
      ['controller-epoch', 'leader epoch of the PartitionChangeRecord'],
      ['topic-config', 'TopicRecord'],
    ];
    for (const [question, answer] of wrong) expect(await passes(question, answer), `${question}: ${answer}`).toBe(false);
    lab.answers['topic-config'] = 'zookeeper';
    expect(check(await lab.grade('map-znodes'), 'topic-config').saw).toBe('“zookeeper” names none of the choices: answer with a letter (a–d), or name the record or mechanism');
  });

  it('near miss: stopping a broker that is not the controller moves nothing', { timeout: 60_000 }, async () => {
    await using lab = await startLab(kraftMapping);
    const controller = await controllerId(lab);
    const other = (await lab.runtime.status()).nodes.find((node) => node.kind === 'kafka' && node.id !== controller)!;
    await lab.runtime.nodeAction(other.name, 'stop');
    const result = await lab.grade('controller-failover');
    expect(check(result, 'controller-stopped')).toMatchObject({ passed: false, saw: expect.stringMatching(new RegExp(`^kafka-${controller} is running \\(broker ${controller}, the controller to stop\\); /controller names ${controller}`)) });
    expect(check(result, 'controller-stopped').hint).toBe(`kafka-${controller} is the controller: stop it (\`kafkalab stop kafka-${controller}\`, or Stop on its row).`);
  });

  it('near miss: the old controller is the wrong answer after the failover; and the KRaft question is about voters, not brokers', { timeout: 60_000 }, async () => {
    await using lab = await startLab(kraftMapping);
    const before = await controllerId(lab);
    await lab.solve('controller-failover');
    expect(Number(lab.answers['new-controller'])).not.toBe(before);
    lab.answers['new-controller'] = String(before);
    for (const [answer, passed] of [['b', true], ['5 or 6', true], ['5, 6', true], ['a', false], ['1, 2, 3, 5, 6', false], ['none', false]] as const) {
      lab.answers['kraft-takeover'] = answer;
      const result = await lab.grade('controller-failover');
      expect(check(result, 'controller-stopped').passed).toBe(true);
      expect(check(result, 'new-controller').passed).toBe(false);
      expect(check(result, 'kraft-takeover').passed, answer).toBe(passed);
    }
  });

  it('the controller to stop follows the role when the first one was restarted without it', { timeout: 60_000 }, async () => {
    await using lab = await startLab(kraftMapping);
    const first = (await controllerId(lab))!;
    await lab.runtime.nodeAction(`kafka-${first}`, 'stop');
    await expect.poll(() => controllerId(lab), { timeout: 15_000 }).not.toBe(first);
    await lab.runtime.nodeAction(`kafka-${first}`, 'start');
    const second = (await controllerId(lab))!;
    expect(second).not.toBe(first);
    const result = await lab.grade('controller-failover');
    expect(check(result, 'controller-stopped')).toMatchObject({ passed: false, saw: expect.stringContaining(`broker ${second}, the controller to stop`) });
    await lab.solve('controller-failover');
    expect(check(await lab.grade('controller-failover'), 'controller-stopped').passed).toBe(true);
  });
});
