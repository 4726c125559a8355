import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafkaTestCluster, type KafkaTestCluster } from '../../../../tests/support/kafka-cluster.ts';
import { kafkajsIdleTimerFixed } from './kafkajs-idle-timer-fix.ts';

/** Counts timers armed with a negative delay while `body` runs (kafkajs' idle re-arming loop). */
async function negativeTimersDuring(body: () => Promise<void>): Promise<number> {
  const original = globalThis.setTimeout;
  let negative = 0;
  globalThis.setTimeout = ((handler: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
    if (typeof delay === 'number' && delay < 0) negative++;
    return original(handler, delay, ...args);
  }) as typeof setTimeout;
  try {
    await body();
  } finally {
    globalThis.setTimeout = original;
  }
  return negative;
}

describe("kafkajs' idle request-queue timer", () => {
  let cluster: KafkaTestCluster;
  beforeAll(async () => {
    cluster = await startKafkaTestCluster();
  });
  afterAll(async () => {
    await cluster?.[Symbol.asyncDispose]();
  });

  it('is no longer re-armed for ever on an idle connection', async () => {
    expect(kafkajsIdleTimerFixed).toBe(true);
    const admin = new kafkajs.Kafka({ brokers: cluster.bootstrap, logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const armed = await negativeTimersDuring(async () => {
        await admin.listTopics();
        // Idle for 200 ms of timer turns: unpatched, each open connection re-arms ~every 1 ms.
        for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
      });
      expect(armed).toBe(0);
      expect(await admin.listTopics()).toEqual(expect.any(Array));
    } finally {
      await admin.disconnect();
    }
  });
});
