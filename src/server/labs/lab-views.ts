/** The lab API's views of a lab and the learner's recorded progress in it, in the learner's language. */
import type { Translate } from '../../labs/i18n/translate.ts';
import type { Lab, LabStep } from '../../labs/lab.ts';
import type { CheckReply, CheckReplyCheck, LabStepView, LabSummary, LabView, ProgressReply, StepState } from './lab-api.ts';
import type { StepProgress } from './progress-store.ts';
import type { CheckResult } from '../../labs/grade.ts';

export type LabProgress = ReadonlyMap<string, StepProgress>;

/** The first step neither passed nor skipped; null when the lab is complete. */
export function currentStep(lab: Lab, progress: LabProgress): LabStep | null {
  return lab.steps.find((step) => !progress.get(step.id)?.state) ?? null;
}

export function stepState(lab: Lab, step: LabStep, progress: LabProgress): StepState {
  const recorded = progress.get(step.id)?.state;
  if (recorded) return recorded;
  return currentStep(lab, progress)?.id === step.id ? 'current' : 'pending';
}

export function labSummary(lab: Lab, progress: LabProgress, t: Translate): LabSummary {
  const states = lab.steps.map((step) => progress.get(step.id)?.state);
  return {
    id: lab.id,
    chapter: lab.chapter,
    title: t(`labs.${lab.id}.title`),
    goal: t(`labs.${lab.id}.goal`),
    stepCount: lab.steps.length,
    progress: {
      passed: states.filter((state) => state === 'passed').length,
      skipped: states.filter((state) => state === 'skipped').length,
      completed: currentStep(lab, progress) === null,
    },
  };
}

export function hintTexts(lab: Lab, step: LabStep, count: number, t: Translate): string[] {
  return Array.from({ length: Math.min(count, step.hints) }, (_, i) => t(`labs.${lab.id}.${step.id}.hint.${i + 1}`));
}

export function labView(lab: Lab, progress: LabProgress, t: Translate): LabView {
  const current = currentStep(lab, progress);
  return {
    id: lab.id,
    chapter: lab.chapter,
    title: t(`labs.${lab.id}.title`),
    goal: t(`labs.${lab.id}.goal`),
    topics: [...(lab.topics ?? [])],
    cluster: { ...lab.cluster },
    currentStep: current?.id ?? null,
    completed: current === null,
    steps: lab.steps.map((step): LabStepView => {
      const recorded = progress.get(step.id);
      const state = stepState(lab, step, progress);
      return {
        id: step.id,
        title: t(`labs.${lab.id}.${step.id}.title`),
        instructions: t(`labs.${lab.id}.${step.id}.instructions`),
        state,
        hints: { total: step.hints, unlocked: hintTexts(lab, step, recorded?.hintsUsed ?? 0, t) },
        questions: (step.questions ?? []).map((question) => ({ id: question.id, prompt: t(`labs.${lab.id}.${question.id}.question`) })),
        ...((state === 'passed' || state === 'skipped') && step.solution ? { solution: [...step.solution] } : {}),
        ...(recorded?.lastResult ? { lastResult: recorded.lastResult } : {}),
      };
    }),
  };
}

/** The reply to a check of step number `gradedIndex` (-1 when nothing was graded: the lab was complete). */
export function checkReply(lab: Lab, progress: LabProgress, gradedIndex: number): CheckReply {
  const current = currentStep(lab, progress);
  return {
    lab: lab.id,
    passed: current === null,
    currentStep: current?.id ?? null,
    steps: lab.steps.map((step, index) => {
      const recorded = progress.get(step.id);
      const carries = index <= gradedIndex || recorded?.state;
      return {
        id: step.id,
        state: stepState(lab, step, progress),
        passed: recorded?.state === 'passed',
        checks: carries ? (recorded?.lastResult?.checks ?? []).map(replyCheck) : [],
      };
    }),
  };
}

export function progressOf(learner: string, labs: readonly Lab[], progressByLab: (lab: Lab) => LabProgress, t: Translate): ProgressReply {
  return {
    learner,
    labs: labs.map((lab) => {
      const progress = progressByLab(lab);
      return {
        id: lab.id,
        chapter: lab.chapter,
        title: t(`labs.${lab.id}.title`),
        completed: currentStep(lab, progress) === null,
        steps: lab.steps.map((step) => {
          const recorded = progress.get(step.id);
          return {
            id: step.id,
            title: t(`labs.${lab.id}.${step.id}.title`),
            state: stepState(lab, step, progress),
            ...(recorded?.passedAt !== undefined ? { passedAt: new Date(recorded.passedAt).toISOString() } : {}),
            ...(recorded?.skippedAt !== undefined ? { skippedAt: new Date(recorded.skippedAt).toISOString() } : {}),
            hintsUsed: recorded?.hintsUsed ?? 0,
            attempts: recorded?.attempts ?? 0,
            checks: recorded?.attempts
              ? { passed: recorded.checksPassed, total: recorded.checksTotal }
              : { passed: 0, total: step.checks.length + (step.questions?.length ?? 0) },
          };
        }),
      };
    }),
  };
}

function replyCheck(check: CheckResult): CheckReplyCheck {
  return {
    id: check.id,
    passed: check.passed,
    saw: check.saw,
    expected: check.expected,
    ...(check.hint !== undefined ? { hint: check.hint } : {}),
    ...(check.timedOut ? { timedOut: true } : {}),
  };
}
