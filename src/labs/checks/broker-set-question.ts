/**
 * Questions whose answer is a set of brokers ("which broker ids are registered?", "what is the ISR?"),
 * graded as a set against the live cluster: `101, 102, 103`, `[103,101,102]`, `brokers 101 and 102`
 * and `kafka-1, kafka-2` are all read as lists of broker ids.
 */
import type { LabContext } from '../lab-context.ts';
import type { LabQuestion } from '../lab.ts';
import { nodesOf } from './cluster-view.ts';

/** The broker ids an answer names (`kafka-N` by node name), or the `kafka-N` names that match no broker. */
export async function brokerIdsFromAnswer(answer: string, context: LabContext): Promise<{ ids: number[]; unknown: string[] }> {
  const tokens = answer.toLowerCase().match(/kafka-\d+|\d+/g) ?? [];
  const nodes = tokens.some((token) => token.startsWith('kafka-')) ? await nodesOf(context, 'kafka') : [];
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const token of tokens) {
    if (!token.startsWith('kafka-')) ids.push(Number(token));
    else {
      const node = nodes.find((candidate) => candidate.name === token);
      if (node) ids.push(node.id);
      else unknown.push(token);
    }
  }
  return { ids: [...new Set(ids)].sort((a, b) => a - b), unknown };
}

/** A question answered with a set of brokers, compared (order ignored) with `rightIds` read at check time. */
export function brokerSetQuestion(id: string, rightIds: (context: LabContext) => Promise<number[] | null>): LabQuestion {
  return {
    id,
    async answer(context) {
      return ((await rightIds(context)) ?? []).join(', ');
    },
    async grade(given, context) {
      const { t } = context;
      if (given === '') return { passed: false, saw: t('labs.grader.no-answer'), expected: t('labs.check.broker-set.expected') };
      const named = await brokerIdsFromAnswer(given, context);
      if (named.unknown.length > 0 || named.ids.length === 0) {
        return { passed: false, saw: t('labs.check.broker-set.unknown', { answer: given }), expected: t('labs.check.broker-set.expected') };
      }
      const right = [...new Set((await rightIds(context)) ?? [])].sort((a, b) => a - b);
      const passed = right.length > 0 && right.length === named.ids.length && right.every((brokerId, index) => named.ids[index] === brokerId);
      return {
        passed,
        saw: t('labs.grader.you-answered', { answer: given }),
        expected: passed ? t('labs.grader.you-answered', { answer: given }) : t('labs.grader.right-answer-hidden'),
      };
    },
  };
}
