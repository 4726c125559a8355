/**
 * A lab's learner-facing text, read at build time from the registry's message catalogs: the lab pages,
 * the lab index and the lessons' Lab sections render it. A missing message fails the build, naming
 * the key and the catalog to add it to.
 */
import { AstroError } from 'astro/errors';
import { labMessages } from '../../labs/registry.ts';
import type { Lab } from '../../labs/lab.ts';

export interface LabText {
  id: string;
  chapter: number;
  title: string;
  goal: string;
  topics: string[];
  /** The cluster the lab starts from. */
  cluster: { brokerIds?: number[]; initialState: 'up' | 'down' };
  steps: Array<{
    id: string;
    title: string;
    instructions: string;
    hints: number;
    questions: Array<{ id: string; prompt: string }>;
    /** Node actions the step needs (`isolate`): the page says so on a runtime without them. */
    needs: string[];
  }>;
}

export function labText(lab: Lab, locale = 'en'): LabText {
  const messages = labMessages(locale);
  const text = (key: string): string => {
    const message = messages[key];
    if (message === undefined) {
      throw new AstroError(
        `The lab "${lab.id}" has no text for the message key "${key}".`,
        `Add "${key}" to the lab's catalog, src/labs/${lab.id}/en.ts (and make sure src/labs/registry.ts lists that catalog).`,
      );
    }
    return message;
  };
  return {
    id: lab.id,
    chapter: lab.chapter,
    title: text(`labs.${lab.id}.title`),
    goal: text(`labs.${lab.id}.goal`),
    topics: lab.topics ?? [],
    cluster: { brokerIds: lab.cluster?.brokerIds, initialState: lab.cluster?.initialState ?? 'up' },
    steps: lab.steps.map((step) => ({
      id: step.id,
      title: text(`labs.${lab.id}.${step.id}.title`),
      instructions: text(`labs.${lab.id}.${step.id}.instructions`),
      hints: step.hints,
      questions: (step.questions ?? []).map((question) => ({ id: question.id, prompt: text(`labs.${lab.id}.${question.id}.question`) })),
      needs: [...(step.needs?.nodeActions ?? [])],
    })),
  };
}
