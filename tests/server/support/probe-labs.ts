/**
 * Labs made for testing the lab engine (not for learners): one whose grading shows whether two ran at
 * once, one whose check hangs, one that reports the learner's activity, one with a lab reset that seeds
 * a topic and removes what an attempt made, one on broker ids 101..103, one whose later step reads
 * what an earlier one noted. With their text.
 */
import { brokersRegisteredCheck } from '../../../src/labs/checks/cluster-checks.ts';
import { defineLab } from '../../../src/labs/define-lab.ts';
import { createTranslate, type Messages, type Translate } from '../../../src/labs/i18n/translate.ts';
import type { Lab } from '../../../src/labs/lab.ts';
import { labMessages } from '../../../src/labs/registry.ts';

/** How long a grading of `one-at-a-time` waits for a second grading to start beside it (none should). */
export const NO_INTERLEAVING_WINDOW_MS = 400;

export const gradingLog: string[] = [];
let gradings = 0;
let inFlight = 0;

export const oneAtATime = defineLab({
  id: 'probe-one-at-a-time',
  chapter: 90,
  steps: [
    {
      id: 'grade',
      hints: 0,
      checks: [
        {
          id: 'alone',
          async run() {
            const me = ++gradings;
            inFlight++;
            gradingLog.push(`start ${me}`);
            // Bounded window: a grading running concurrently would raise inFlight within it.
            const until = Date.now() + NO_INTERLEAVING_WINDOW_MS;
            while (Date.now() < until && inFlight === 1) await new Promise((resolve) => setTimeout(resolve, 10));
            const overlapped = inFlight > 1;
            inFlight--;
            gradingLog.push(`end ${me}`);
            return { passed: false, saw: overlapped ? 'another grading ran at the same time' : 'graded alone', expected: 'graded alone' };
          },
        },
      ],
      async solve() {},
    },
  ],
});

export const hanging = defineLab({
  id: 'probe-hanging',
  chapter: 90,
  steps: [
    {
      id: 'hang',
      hints: 0,
      checks: [
        { id: 'hangs', timeoutMs: 300, run: () => new Promise(() => {}) },
        { id: 'answers', async run() { return { passed: true, saw: 'an answer', expected: 'an answer' }; } },
      ],
      async solve() {},
    },
  ],
});

export const activity = defineLab({
  id: 'probe-activity',
  chapter: 90,
  steps: [
    {
      id: 'stop-a-broker',
      hints: 0,
      checks: [
        {
          id: 'saw-activity',
          async run(context) {
            const seen = context.activity.map((entry) => `${entry.kind}: ${entry.detail}`);
            return { passed: seen.includes('node-action: kafka-3 stop'), saw: seen.join('; ') || 'no activity', expected: 'node-action: kafka-3 stop' };
          },
        },
      ],
      async solve() {},
    },
  ],
});

export const seeded = defineLab({
  id: 'probe-seeded',
  chapter: 90,
  topics: ['probe-seed'],
  steps: [
    {
      id: 'look',
      hints: 1,
      checks: [
        {
          id: 'seed-exists',
          async run(context) {
            const topics = await (await context.kafka.admin()).listTopics();
            return { passed: topics.includes('probe-seed'), saw: topics.join(', ') || 'no topics', expected: 'probe-seed' };
          },
        },
      ],
      solution: ['kafka-topics --bootstrap-server localhost:19092 --create --topic probe-seed'],
      async solve() {},
    },
  ],
  async reset(context) {
    const admin = await context.kafka.admin();
    const topics = await admin.listTopics();
    if (topics.includes('probe-made')) await admin.deleteTopics({ topics: ['probe-made'], timeout: 5_000 });
    if (!topics.includes('probe-seed')) await admin.createTopics({ topics: [{ topic: 'probe-seed', numPartitions: 2 }], waitForLeaders: true });
  },
});

export const customBrokerIds = defineLab({
  id: 'probe-broker-ids',
  chapter: 90,
  cluster: { brokerIds: [101, 102, 103] },
  steps: [{ id: 'registered', hints: 0, checks: [brokersRegisteredCheck()], async solve() {} }],
});

/** Step 1 notes something; step 2 passes only when the note is there (after a restart too). */
export const notes = defineLab({
  id: 'probe-notes',
  chapter: 90,
  steps: [
    {
      id: 'note',
      hints: 0,
      checks: [
        {
          id: 'writes-note',
          async run(context) {
            context.notes.set('probe.seen', 'step 1');
            return { passed: true, saw: 'noted', expected: 'noted' };
          },
        },
      ],
      async solve() {},
    },
    {
      id: 'recall',
      hints: 0,
      checks: [
        {
          id: 'reads-note',
          async run(context) {
            const note = context.notes.get('probe.seen');
            return { passed: note === 'step 1', saw: note ?? 'no note', expected: 'step 1' };
          },
        },
      ],
      async solve() {},
    },
  ],
});

/** How many times the client `probe-kept`'s reference solution keeps has been closed. */
export const keptClosures = { count: 0 };

/** Its reference solution leaves a client running for later steps (`LabContext.kept`). */
export const keeps = defineLab({
  id: 'probe-kept',
  chapter: 90,
  steps: [
    {
      id: 'keep',
      hints: 0,
      checks: [{ id: 'kept', async run(context) { return { passed: context.kept.has('client'), saw: String(context.kept.has('client')), expected: 'true' }; } }],
      async solve(context) {
        await context.kept.keep('client', { close: async () => void keptClosures.count++ });
      },
    },
    { id: 'later', hints: 0, checks: [{ id: 'never', async run() { return { passed: false, saw: 'not yet', expected: 'never' }; } }], async solve() {} },
  ],
});

export const probeLabs: Lab[] = [oneAtATime, hanging, activity, seeded, customBrokerIds, notes, keeps];

const probeMessages: Messages = Object.fromEntries(
  probeLabs.flatMap((lab) => [
    [`labs.${lab.id}.title`, `Probe ${lab.id}`],
    [`labs.${lab.id}.goal`, `Test the engine with ${lab.id}.`],
    ...lab.steps.flatMap((step) => [
      [`labs.${lab.id}.${step.id}.title`, `Step ${step.id}`],
      [`labs.${lab.id}.${step.id}.instructions`, `Do ${step.id}.`],
      ...Array.from({ length: step.hints }, (_, i) => [`labs.${lab.id}.${step.id}.hint.${i + 1}`, `Hint ${i + 1} of ${step.id}.`]),
    ]),
  ]),
);

/** The registry's text plus the probe labs'. */
export const probeTranslate: Translate = createTranslate(labMessages(), probeMessages);
