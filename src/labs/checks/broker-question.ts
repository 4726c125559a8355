/** Questions whose answer is a broker: "2", "broker 2" and "kafka-2" (its node name) all name it. */
import type { LabContext } from '../lab-context.ts';
import type { LabQuestion } from '../lab.ts';
import { nodesOf } from './cluster-view.ts';

/** The broker id an answer names, or undefined. */
export async function brokerIdFromAnswer(answer: string, context: LabContext): Promise<number | undefined> {
  const text = answer.trim().toLowerCase();
  const node = /^(kafka-\d+)$/.exec(text);
  if (node) return (await nodesOf(context, 'kafka')).find((candidate) => candidate.name === node[1])?.id;
  // "2", "broker 2", "broker id 2", and "Leader: 2" pasted from `kafka-topics --describe`.
  const id = /^(?:(?:broker|leader)\s*(?:id\s*)?:?\s*)?(\d+)$/.exec(text);
  return id ? Number(id[1]) : undefined;
}

/** A question answered with a broker, graded against `rightId` read from the live cluster at check time. */
export function brokerQuestion(id: string, rightId: (context: LabContext) => Promise<number | null>): LabQuestion {
  return {
    id,
    async answer(context) {
      return String(await rightId(context));
    },
    async grade(given, context) {
      const right = await rightId(context);
      if (given === '') return { passed: false, saw: context.t('labs.grader.no-answer'), expected: context.t('labs.check.broker-answer.expected') };
      const named = await brokerIdFromAnswer(given, context);
      if (named === undefined) return { passed: false, saw: context.t('labs.check.broker-answer.unknown', { answer: given }), expected: context.t('labs.check.broker-answer.expected') };
      const passed = right !== null && named === right;
      return {
        passed,
        saw: context.t('labs.grader.you-answered', { answer: given }),
        expected: passed ? context.t('labs.grader.you-answered', { answer: given }) : context.t('labs.grader.right-answer-hidden'),
      };
    },
  };
}
