/**
 * The lab API's shapes, as `/api/labs`, `/api/progress` and `/api/events` send them (the contract the
 * course's lab pages are written against). Text is already in the learner's language.
 */
import type { LabClusterSpec } from '../../labs/lab.ts';

/** `current`: the first step neither passed nor skipped, the one a check grades. */
export type StepState = 'pending' | 'current' | 'passed' | 'skipped';

/** `GET /api/labs` → `{ labs: LabSummary[] }`. */
export interface LabSummary {
  id: string;
  chapter: number;
  title: string;
  goal: string;
  stepCount: number;
  progress: { passed: number; skipped: number; completed: boolean };
}

export interface LabStepView {
  id: string;
  title: string;
  instructions: string;
  state: StepState;
  hints: { total: number; unlocked: string[] };
  questions: Array<{ id: string; prompt: string }>;
  /** The reference solution's commands: only once the step is passed or skipped. */
  solution?: string[];
  /** The step's last graded result, as `POST .../check` reported it. */
  lastResult?: StepResultReply;
}

/** `GET /api/labs/{id}`, and what skip and reset answer. */
export interface LabView {
  id: string;
  chapter: number;
  title: string;
  goal: string;
  topics: string[];
  cluster: LabClusterSpec;
  currentStep: string | null;
  completed: boolean;
  steps: LabStepView[];
}

export interface ResetReply extends LabView {
  /** How long bringing the cluster to the lab's starting state took. */
  resetMs: number;
}

export interface CheckReplyCheck {
  id: string;
  passed: boolean;
  saw: string;
  expected: string;
  hint?: string;
  timedOut?: boolean;
}

/** One step's graded result (the grader's `StepResult`, without its timing fields). */
export interface StepResultReply {
  id: string;
  passed: boolean;
  checks: CheckReplyCheck[];
}

/** `POST /api/labs/{id}/check`. Steps up to the graded one carry their recorded result; later ones `checks: []`. */
export interface CheckReply {
  lab: string;
  /** The whole lab is complete. */
  passed: boolean;
  currentStep: string | null;
  steps: Array<{ id: string; state: StepState; passed: boolean; checks: CheckReplyCheck[] }>;
}

/** `POST /api/labs/{id}/steps/{step}/hint`: the hint just unlocked (`index`, from 1) and every unlocked one. */
export interface HintReply {
  step: string;
  index: number;
  text: string;
  unlocked: string[];
  total: number;
}

/** `GET /api/progress`. Times are ISO 8601. */
export interface ProgressReply {
  learner: string;
  labs: Array<{
    id: string;
    chapter: number;
    title: string;
    completed: boolean;
    steps: Array<{
      id: string;
      title: string;
      state: StepState;
      passedAt?: string;
      skippedAt?: string;
      hintsUsed: number;
      /** Graded attempts at the step. */
      attempts: number;
      /** The last attempt's score (partial credit); before any attempt, 0 of the step's checks and questions. */
      checks: { passed: number; total: number };
    }>;
  }>;
}

/** What the engine tells `/api/events` (which sends it without `learner`, to that learner's pages). */
export type LabEvent = { type: 'lab-check'; learner: string; lab: string; result: CheckReply } | { type: 'lab-progress'; learner: string; lab: string };
