/**
 * Runs a step's checks and questions, each in a context of its own with its own deadline: the check
 * gets an abort signal, its clients are closed after it, and one that hangs is cut and reported as
 * timed out, never left running.
 */
import type { LabContext } from './lab-context.ts';
import type { CheckOutcome, LabCheck, LabQuestion, LabStep } from './lab.ts';
import type { Translate } from './i18n/translate.ts';
import { LabClusterDownError } from './cluster-down-error.ts';

export const DEFAULT_CHECK_TIMEOUT_MS = 5_000;

/** A context for one check, and how to close the clients it handed out. */
export interface OpenedLabContext {
  context: LabContext;
  close(): Promise<void>;
}

/** Opens a fresh context whose `signal` is `signal`. */
export type LabContextFactory = (signal: AbortSignal) => Promise<OpenedLabContext>;

export interface CheckResult extends CheckOutcome {
  id: string;
  kind: 'check' | 'question';
  timedOut?: boolean;
  durationMs: number;
}

export interface StepResult {
  id: string;
  passed: boolean;
  checks: CheckResult[];
}

export async function gradeStep(step: LabStep, open: LabContextFactory, t: Translate): Promise<StepResult> {
  const checks: CheckResult[] = [];
  // One at a time: checks share the cluster and some of them change it (a probe write).
  for (const check of step.checks) checks.push(await runCheck(check, open, t));
  for (const question of step.questions ?? []) checks.push(await runQuestion(question, open, t));
  return { id: step.id, passed: checks.every((check) => check.passed), checks };
}

export function runCheck(check: LabCheck, open: LabContextFactory, t: Translate): Promise<CheckResult> {
  return withDeadline(check.id, 'check', check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, open, t, (context) => check.run(context));
}

export function runQuestion(question: LabQuestion, open: LabContextFactory, t: Translate): Promise<CheckResult> {
  return withDeadline(question.id, 'question', question.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, open, t, async (context) => {
    const given = (context.answers[question.id] ?? '').trim();
    if (question.grade) return question.grade(given, context);
    const right = await question.answer(context);
    if (given === '') return { passed: false, saw: t('labs.grader.no-answer'), expected: t('labs.grader.an-answer') };
    const passed = normalize(given) === normalize(right);
    return { passed, saw: t('labs.grader.you-answered', { answer: given }), expected: passed ? t('labs.grader.you-answered', { answer: right }) : t('labs.grader.right-answer-hidden') };
  });
}

/** `" Broker 2 "` → `"broker 2"`. */
export function normalize(answer: string): string {
  return answer.trim().toLowerCase().replace(/\s+/g, ' ');
}

async function withDeadline(
  id: string,
  kind: CheckResult['kind'],
  timeoutMs: number,
  open: LabContextFactory,
  t: Translate,
  run: (context: LabContext) => Promise<CheckOutcome>,
): Promise<CheckResult> {
  const started = Date.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      resolve('timeout');
    }, timeoutMs);
  });
  let opened: OpenedLabContext | undefined;
  const opening = open(controller.signal).then((value) => (opened = value));
  try {
    const outcome = await Promise.race([opening.then((value) => run(value.context)), deadline]);
    if (outcome === 'timeout') {
      return { id, kind, passed: false, timedOut: true, saw: t('labs.grader.timed-out', { seconds: timeoutMs / 1000 }), expected: t('labs.grader.in-time'), durationMs: Date.now() - started };
    }
    return { id, kind, ...outcome, durationMs: Date.now() - started };
  } catch (error) {
    if (error instanceof LabClusterDownError) {
      return { id, kind, passed: false, saw: t('labs.grader.cluster-down'), expected: t('labs.grader.cluster-up'), durationMs: Date.now() - started };
    }
    return { id, kind, passed: false, saw: t('labs.grader.failed', { message: errorText(error) }), expected: t('labs.grader.no-error'), durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort(new Error('check finished'));
    // A context still opening when the deadline cut the check is closed as soon as it exists.
    if (opened) await opened.close().catch(() => {});
    else void opening.then((late) => late.close()).catch(() => {});
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return (error as { type?: string }).type ? `${(error as { type?: string }).type}: ${error.message}` : error.message;
  return String(error);
}
