import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../src/labs/grade.ts';
import { minInsyncReplicas } from '../../src/labs/min-insync-replicas/min-insync-replicas.ts';
import { labContextFactory } from '../../src/server/labs/lab-context-factory.ts';
import { labTranslate } from '../../src/labs/registry.ts';
import { runKcat } from '../support/kafka-clients.ts';
import { describeWithPeer } from '../support/peers.ts';
import { expectCatalogComplete } from './support/lab-catalog.ts';
import { proveLab, startLab, type RunningLab } from './support/lab-harness.ts';

function check(result: StepResult, id: string) {
  const found = result.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`step ${result.id} has no check ${id}`);
  return found;
}

async function paymentsIsr(lab: RunningLab): Promise<number[] | undefined> {
  return (await lab.runtime.status()).kafka?.topics.find((topic) => topic.name === 'payments')?.partitions[0]?.isr;
}

/** What a learner does with `kafka-configs --alter --entity-type topics --entity-name payments --add-config min.insync.replicas=1`. */
async function setTopicMinIsr(lab: RunningLab, value: string): Promise<void> {
  const opened = await labContextFactory({ cluster: lab.runtime, learner: 'test', t: labTranslate('en'), kept: lab.kept })(new AbortController().signal);
  try {
    const admin = await opened.context.kafka.admin();
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'payments', configEntries: [{ name: 'min.insync.replicas', value }] }] });
  } finally {
    await opened.close();
  }
}

describe('lab min-insync-replicas', () => {
  it('has every text its page needs in the English catalog', () => {
    expectCatalogComplete(minInsyncReplicas);
  });

  it('each step fails on the cluster as the learner finds it, saying what it saw, and passes after the reference solution', { timeout: 120_000 }, async () => {
    await proveLab(minInsyncReplicas);
  });

  it('says what the leader answered: NOT_ENOUGH_REPLICAS for acks=all, an offset for acks=1', { timeout: 60_000 }, async () => {
    await using lab = await startLab(minInsyncReplicas);
    await lab.solve('stop-two-brokers');
    const result = await lab.grade('stop-two-brokers');
    expect(check(result, 'acks-all-refused').saw).toBe('the grader’s acks=all write to payments-0 was refused with NOT_ENOUGH_REPLICAS');
    expect(check(result, 'acks-1-accepted').saw).toMatch(/^the grader’s acks=1 write to payments-0 was accepted at offset \d+; ISR of payments-0: 1; min.insync.replicas=2$/);
  });

  it('near miss: with one broker down the ISR still meets the floor, so acks=all is accepted and nothing passes', { timeout: 60_000 }, async () => {
    await using lab = await startLab(minInsyncReplicas);
    await lab.runtime.nodeAction('kafka-3', 'stop');
    await expect.poll(() => paymentsIsr(lab), { timeout: 15_000 }).toHaveLength(2);
    const result = await lab.grade('stop-two-brokers');
    expect(check(result, 'one-broker-left').passed).toBe(false);
    expect(check(result, 'isr-below-min')).toMatchObject({ passed: false, saw: expect.stringContaining('min.insync.replicas=2') });
    expect(check(result, 'acks-all-refused')).toMatchObject({ passed: false, saw: expect.stringContaining('was accepted at offset') });
    expect(check(result, 'acks-1-accepted').passed).toBe(false);
  });

  it('near miss: lowering the topic’s min.insync.replicas to 1 makes acks=all go through, which is not the point', { timeout: 60_000 }, async () => {
    await using lab = await startLab(minInsyncReplicas);
    await lab.solve('stop-two-brokers');
    await setTopicMinIsr(lab, '1');
    const result = await lab.grade('stop-two-brokers');
    expect(check(result, 'one-broker-left').passed).toBe(true);
    expect(check(result, 'isr-below-min')).toMatchObject({ passed: false, saw: expect.stringContaining('min.insync.replicas=1') });
    expect(check(result, 'acks-all-refused')).toMatchObject({ passed: false, saw: expect.stringContaining('accepted') });
    expect(check(result, 'acks-1-accepted').passed).toBe(false);
  });

  it('grades the error by what the cluster answers now, in any usual spelling', { timeout: 60_000 }, async () => {
    await using lab = await startLab(minInsyncReplicas);
    await lab.solve('stop-two-brokers');
    const grade = async (answer: string) => {
      lab.answers['acks-all-error'] = answer;
      return check(await lab.grade('name-the-error'), 'acks-all-error').passed;
    };
    for (const right of ['NOT_ENOUGH_REPLICAS', 'Broker: Not enough in-sync replicas', 'NotEnoughReplicasException', '19']) expect(await grade(right), right).toBe(true);
    for (const wrong of ['NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT', 'none', '']) expect(await grade(wrong), wrong).toBe(false);
    lab.answers.copies = '3';
    expect(check(await lab.grade('name-the-error'), 'copies').passed).toBe(false);
    await lab.solve('restore');
    // With the brokers back the same answer is wrong: the write is accepted.
    expect(await grade('NOT_ENOUGH_REPLICAS')).toBe(false);
    expect(await grade('none')).toBe(true);
  });

  it('near miss: one broker restarted is not a restored cluster', { timeout: 60_000 }, async () => {
    await using lab = await startLab(minInsyncReplicas);
    await lab.solve('stop-two-brokers');
    const stopped = (await lab.runtime.status()).nodes.filter((node) => node.kind === 'kafka' && node.state === 'stopped');
    await lab.runtime.nodeAction(stopped[0].name, 'start');
    await expect.poll(() => paymentsIsr(lab), { timeout: 15_000 }).toHaveLength(2);
    const result = await lab.grade('restore');
    expect(check(result, 'all-brokers-back').passed).toBe(false);
    expect(check(result, 'isr-full')).toMatchObject({ passed: false, hint: expect.stringContaining(`Not registered in /brokers/ids: ${stopped[1].id}`) });
    expect(check(result, 'acks-all-accepted').passed).toBe(true);
  });
});

describeWithPeer('kcat', 'lab min-insync-replicas with kcat, as the hints tell the learner to run it', () => {
  it('kcat with acks=all and retries=0 prints the refusal, and what it prints is a right answer; acks=1 goes through', { timeout: 60_000 }, async () => {
    await using lab = await startLab(minInsyncReplicas);
    await lab.solve('stop-two-brokers');
    const bootstrap = (await lab.runtime.status()).connections.bootstrapServers;
    const refused = await runKcat(['-b', bootstrap, '-P', '-t', 'payments', '-X', 'acks=all', '-X', 'retries=0'], 20_000, 'refund 1\n');
    const printed = /Delivery failed for message: (.+)/.exec(refused.stderr)?.[1];
    expect(printed).toBe('Broker: Not enough in-sync replicas');
    lab.answers['acks-all-error'] = printed!;
    lab.answers.copies = '1';
    expect((await lab.grade('name-the-error')).passed).toBe(true);
    const accepted = await runKcat(['-b', bootstrap, '-P', '-t', 'payments', '-X', 'acks=1'], 20_000, 'refund 1\n');
    expect(accepted.code).toBe(0);
  });
});
