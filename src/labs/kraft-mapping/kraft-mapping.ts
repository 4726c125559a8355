import { brokerQuestion } from '../checks/broker-question.ts';
import { kafkaView, list, nodesOf } from '../checks/cluster-view.ts';
import { nodeState } from '../checks/replication-checks.ts';
import { waitUntil } from '../checks/poll.ts';
import { defineLab } from '../define-lab.ts';
import type { LabContext } from '../lab-context.ts';
import type { CheckOutcome, LabQuestion } from '../lab.ts';
import { choiceLetter, compact, counterpartNamed, type KraftCounterpart } from './kraft-answers.ts';

/** The broker that is to be stopped: the controller when the lab started (see `LabContext.notes`). */
const CONTROLLER_NOTE = 'kraft-mapping.controller';

/**
 * A question with fixed choices (a fact about KRaft, not cluster state): answered with the choice's
 * letter or by naming it; its text (`labs.kraft-mapping.<id>.question`) lists the choices in this order.
 */
function mappingQuestion(id: string, choices: readonly KraftCounterpart[], right: KraftCounterpart): LabQuestion {
  return {
    id,
    async answer() {
      return choiceLetter(choices, right);
    },
    async grade(given, context): Promise<CheckOutcome> {
      const expected = context.t(`labs.kraft-mapping.${id}.expected`);
      if (given === '') return { passed: false, saw: context.t('labs.grader.no-answer'), expected };
      const named = counterpartNamed(given, choices);
      if (!named) return { passed: false, saw: context.t('labs.kraft-mapping.check.unknown-answer', { answer: given }), expected };
      return { passed: named === right, saw: context.t('labs.grader.you-answered', { answer: given }), expected };
    },
  };
}

/** "In KRaft, who can take over from the active controller?": a letter, or the node ids themselves. */
function kraftTakeoverQuestion(): LabQuestion {
  const choices = [
    { letter: 'a', nodes: '12356' },
    { letter: 'b', nodes: '56' },
    { letter: 'c', nodes: '123' },
    { letter: 'd', nodes: '' },
  ];
  const right = 'b';
  return {
    id: 'kraft-takeover',
    async answer() {
      return right;
    },
    async grade(given, context) {
      const expected = context.t('labs.kraft-mapping.kraft-takeover.expected');
      if (given === '') return { passed: false, saw: context.t('labs.grader.no-answer'), expected };
      const text = compact(given);
      const letter = /^(?:option|answer|choice)?([a-d])$/.exec(text)?.[1];
      const digits = [...new Set(given.replace(/\D/g, ''))].sort().join('');
      const chosen = letter ?? choices.find((choice) => choice.nodes !== '' && choice.nodes === digits)?.letter ?? (/^(none|nobody|noone)/.test(text) ? 'd' : undefined);
      if (!chosen) return { passed: false, saw: context.t('labs.kraft-mapping.check.unknown-answer', { answer: given }), expected };
      return { passed: chosen === right, saw: context.t('labs.grader.you-answered', { answer: given }), expected };
    },
  };
}

/**
 * The broker this step asks to stop: the controller noted when the lab started. If that broker is
 * running again and someone else holds /controller (it was stopped and restarted), the one to stop is
 * the current controller, and the note follows it.
 */
async function controllerToStop(context: LabContext): Promise<number | null> {
  const { controllerId } = await kafkaView(context);
  const noted = Number(context.notes.get(CONTROLLER_NOTE) ?? Number.NaN);
  if (!Number.isInteger(noted)) {
    if (controllerId !== null) context.notes.set(CONTROLLER_NOTE, String(controllerId));
    return controllerId;
  }
  const node = (await nodesOf(context, 'kafka')).find((candidate) => candidate.id === noted);
  if (node && node.state !== 'stopped' && controllerId !== null && controllerId !== noted) {
    context.notes.set(CONTROLLER_NOTE, String(controllerId));
    return controllerId;
  }
  return noted;
}

/** Chapter 7: what each ZooKeeper-mode znode became in KRaft, and a controller failover seen live. */
export const kraftMapping = defineLab({
  id: 'kraft-mapping',
  chapter: 7,
  async reset(context) {
    const { controllerId } = await kafkaView(context);
    if (controllerId === null) context.notes.delete(CONTROLLER_NOTE);
    else context.notes.set(CONTROLLER_NOTE, String(controllerId));
  },
  steps: [
    {
      id: 'map-znodes',
      hints: 2,
      checks: [],
      questions: [
        mappingQuestion('brokers-ids', ['node-id', 'broker-registration', 'quorum-voters', 'storage-format'], 'broker-registration'),
        mappingQuestion('controller', ['leader-epoch', 'broker-registration', 'active-controller', 'quorum-voters'], 'active-controller'),
        mappingQuestion('partition-state', ['config-record', 'partition-records', 'consumer-offsets', 'topic-record'], 'partition-records'),
        mappingQuestion('controller-epoch', ['leader-epoch', 'partition-records', 'node-id', 'active-controller'], 'leader-epoch'),
        mappingQuestion('topic-config', ['topic-record', 'storage-format', 'config-record', 'consumer-offsets'], 'config-record'),
      ],
      solution: ['(/brokers/ids/<id>) b', '(/controller) c', '(/brokers/topics/<t>/partitions/<p>/state) b', '(/controller_epoch) a', '(/config/topics/<t>) c'],
      async solve() {
        // Answering is the whole step: the reference answers come from the questions themselves.
      },
    },
    {
      id: 'controller-failover',
      hints: 3,
      checks: [
        {
          id: 'controller-stopped',
          async run(context) {
            const target = await controllerToStop(context);
            const view = await kafkaView(context);
            const node = (await nodesOf(context, 'kafka')).find((candidate) => candidate.id === target);
            const now = view.controllerId ?? context.t('labs.check.controller.none');
            if (target === null || !node) return { passed: false, saw: context.t('labs.check.controller.saw', { controller: now }), expected: context.t('labs.check.controller.expected') };
            const registered = view.brokers.map((broker) => broker.id);
            const passed = node.state === 'stopped' && view.controllerId !== null && view.controllerId !== target && registered.includes(view.controllerId);
            return {
              passed,
              saw: context.t('labs.kraft-mapping.check.stopped.saw', { node: nodeState(context, node), id: target, controller: now, ids: list(registered) }),
              expected: context.t('labs.kraft-mapping.check.stopped.expected', { node: node.name, id: target }),
              ...(!passed && node.state !== 'stopped' ? { hint: context.t('labs.kraft-mapping.check.stopped.hint', { node: node.name }) } : {}),
            };
          },
        },
      ],
      questions: [brokerQuestion('new-controller', async (context) => (await kafkaView(context)).controllerId), kraftTakeoverQuestion()],
      solution: ['zookeeper-shell localhost:12181 get /controller', 'kafkalab stop kafka-<id>', 'zookeeper-shell localhost:12181 get /controller'],
      async solve(context) {
        const target = await controllerToStop(context);
        const node = (await nodesOf(context, 'kafka')).find((candidate) => candidate.id === target);
        if (!node) throw new Error('reference solution: no controller to stop');
        if (node.state !== 'stopped') await context.cluster.nodeAction(node.name, 'stop');
        await waitUntil(`a controller other than broker ${node.id}`, () => kafkaView(context), (view) => view.controllerId !== null && view.controllerId !== node.id, { timeoutMs: 15_000 });
      },
    },
  ],
});
