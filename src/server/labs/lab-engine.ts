/**
 * The lab engine: grades a learner's current step against the live cluster, records what happened
 * (attempts, hints, skips) in the progress store, moves stuck learners on (hints, skip by reference
 * solution) and resets a lab to its starting state. Every action on one learner's lab runs after the
 * previous one (a second check waits for the first); the learner is a parameter of every call.
 */
import { TypedEmitter } from '../../cluster/typed-emitter.ts';
import { LabClusterDownError } from '../../labs/cluster-down-error.ts';
import { gradeStep, type LabContextFactory } from '../../labs/grade.ts';
import type { Translate } from '../../labs/i18n/translate.ts';
import { KeptResources } from '../../labs/kept-resources.ts';
import type { Lab, LabStep } from '../../labs/lab.ts';
import { labs as registeredLabs, labTranslate } from '../../labs/registry.ts';
import type { ClusterRuntime } from '../runtime/cluster-runtime.ts';
import { SerialQueue } from '../runtime/serial-queue.ts';
import { ActivityLog } from './activity-log.ts';
import type { CheckReply, HintReply, LabEvent, LabSummary, LabView, ProgressReply, ResetReply } from './lab-api.ts';
import { labContextFactory } from './lab-context-factory.ts';
import { noMoreHints, resetFailed, solutionFailed, stepNotCurrent, unknownLab, unknownStep } from './lab-errors.ts';
import { bringToStartState } from './lab-start-state.ts';
import { checkReply, currentStep, hintTexts, labSummary, labView, progressOf } from './lab-views.ts';
import type { ProgressStore } from './progress-store.ts';
import { StoredLabNotes } from './stored-lab-notes.ts';
import { LabWorkTimeoutError, withLabContext } from './with-lab-context.ts';

export interface LabEngineOptions {
  runtime: ClusterRuntime;
  store: ProgressStore;
  /** Default: every lab in the registry. */
  labs?: readonly Lab[];
  /** Default: the registry's English catalogs. */
  translate?: Translate;
  /** Where the learner's page activity is recorded (see `activityRecordingRuntime`). Default: a new log. */
  activity?: ActivityLog;
  /** How long a reference solution (skip) may run. Default 60 s. */
  solveTimeoutMs?: number;
  /** How long a reset may wait for the cluster and the lab's own reset. Default 30 s. */
  resetTimeoutMs?: number;
}

/** One learner's session in one lab: its long-lived clients, its notes, and since when its activity counts. */
interface LabSession {
  readonly learner: string;
  readonly queue: SerialQueue;
  readonly kept: KeptResources;
  readonly notes: StoredLabNotes;
  since: number;
}

export class LabEngine {
  readonly activity: ActivityLog;
  readonly labs: readonly Lab[];
  readonly #runtime: ClusterRuntime;
  readonly #store: ProgressStore;
  readonly #t: Translate;
  readonly #solveTimeoutMs: number;
  readonly #resetTimeoutMs: number;
  readonly #sessions = new Map<string, LabSession>();
  readonly #unsubscribe: () => void;
  readonly #events = new (class extends TypedEmitter<{ event: [LabEvent] }> {
    send(event: LabEvent) {
      this.emit('event', event);
    }
  })();

  constructor(options: LabEngineOptions) {
    this.#runtime = options.runtime;
    this.#store = options.store;
    this.labs = [...(options.labs ?? registeredLabs)].sort((a, b) => a.chapter - b.chapter);
    this.#t = options.translate ?? labTranslate();
    this.activity = options.activity ?? new ActivityLog();
    this.#solveTimeoutMs = options.solveTimeoutMs ?? 60_000;
    this.#resetTimeoutMs = options.resetTimeoutMs ?? 30_000;
    // Kept clients (a reference solution's consumers) are of no use on a cluster going down, and kafkajs
    // would retry against it for ever: they are released when it starts going down.
    this.#unsubscribe = this.#runtime.onEvent((event) => {
      if (event.type === 'cluster-state' && event.state === 'stopping') void this.#releaseKept();
    });
  }

  /** `lab-check` after every check, `lab-progress` after a hint, skip or reset. */
  onEvent(listener: (event: LabEvent) => void): () => void {
    return this.#events.on('event', listener);
  }

  list(learner: string): LabSummary[] {
    return this.labs.map((lab) => labSummary(lab, this.#store.labProgress(learner, lab.id), this.#t));
  }

  lab(learner: string, id: string): LabView {
    const lab = this.#lab(id);
    return labView(lab, this.#store.labProgress(learner, lab.id), this.#t);
  }

  progress(learner: string): ProgressReply {
    return progressOf(learner, this.labs, (lab) => this.#store.labProgress(learner, lab.id), this.#t);
  }

  /** Grades the current step with `answers`, records the attempt, and moves on when it passed. */
  check(learner: string, id: string, answers: Readonly<Record<string, string>> = {}): Promise<CheckReply> {
    const lab = this.#lab(id);
    const session = this.#session(learner, lab.id);
    return session.queue.run(async () => {
      const step = currentStep(lab, this.#store.labProgress(learner, lab.id));
      if (!step) return checkReply(lab, this.#store.labProgress(learner, lab.id), -1);
      const result = await gradeStep(step, this.#open(learner, session, answers), this.#t);
      this.#store.recordAttempt(learner, lab.id, result);
      const reply = checkReply(lab, this.#store.labProgress(learner, lab.id), lab.steps.indexOf(step));
      this.#events.send({ type: 'lab-check', learner, lab: lab.id, result: reply });
      return reply;
    });
  }

  /** Unlocks the step's next hint. */
  hint(learner: string, id: string, stepId: string): Promise<HintReply> {
    const lab = this.#lab(id);
    const step = this.#step(lab, stepId);
    return this.#session(learner, lab.id).queue.run(async () => {
      const unlocked = this.#store.unlockHint(learner, lab.id, step.id, step.hints);
      if (unlocked === undefined) throw noMoreHints(lab.id, step.id, step.hints);
      const texts = hintTexts(lab, step, unlocked, this.#t);
      this.#events.send({ type: 'lab-progress', learner, lab: lab.id });
      return { step: step.id, index: unlocked, text: texts[unlocked - 1], unlocked: texts, total: step.hints };
    });
  }

  /** Runs the current step's reference solution on the learner's cluster and records the step as skipped. */
  skip(learner: string, id: string, stepId: string): Promise<LabView> {
    const lab = this.#lab(id);
    const step = this.#step(lab, stepId);
    const session = this.#session(learner, lab.id);
    return session.queue.run(async () => {
      const current = currentStep(lab, this.#store.labProgress(learner, lab.id));
      if (current?.id !== step.id) throw stepNotCurrent(lab.id, step.id, current?.id ?? null);
      try {
        await withLabContext(this.#open(learner, session), this.#solveTimeoutMs, (context) => step.solve(context));
      } catch (error) {
        throw solutionFailed(lab.id, step.id, reason(error, this.#t));
      }
      this.#store.recordSkip(learner, lab.id, step.id);
      this.#events.send({ type: 'lab-progress', learner, lab: lab.id });
      return this.lab(learner, lab.id);
    });
  }

  /** Brings the cluster to the lab's starting state and forgets the learner's progress in it. */
  reset(learner: string, id: string): Promise<ResetReply> {
    const lab = this.#lab(id);
    const session = this.#session(learner, lab.id);
    return session.queue.run(async () => {
      const started = performance.now();
      // Every lab's kept clients of this learner: the cluster's starting state has none of them.
      await this.#releaseKept(learner);
      // Cleared first: the lab's own reset may note what it set up.
      session.notes.clear();
      try {
        await bringToStartState(this.#runtime, lab, this.#open(learner, session), this.#resetTimeoutMs);
      } catch (error) {
        throw resetFailed(lab.id, reason(error, this.#t));
      }
      this.#store.clearLab(learner, lab.id);
      session.since = Date.now();
      const resetMs = Math.round(performance.now() - started);
      this.#events.send({ type: 'lab-progress', learner, lab: lab.id });
      return { ...this.lab(learner, lab.id), resetMs };
    });
  }

  /** Closes every session's long-lived clients and stops listening to the runtime (the server is stopping). */
  async close(): Promise<void> {
    this.#unsubscribe();
    await Promise.all([...this.#sessions.values()].map((session) => session.queue.run(() => session.kept.releaseAll())));
  }

  /** Closes the kept clients of every lab session (of `learner`, or of everyone). */
  async #releaseKept(learner?: string): Promise<void> {
    const sessions = [...this.#sessions.values()].filter((session) => learner === undefined || session.learner === learner);
    await Promise.all(sessions.map((session) => session.kept.releaseAll()));
  }

  #lab(id: string): Lab {
    const lab = this.labs.find((candidate) => candidate.id === id);
    if (!lab) throw unknownLab(id, this.labs.map((known) => known.id));
    return lab;
  }

  #step(lab: Lab, id: string): LabStep {
    const step = lab.steps.find((candidate) => candidate.id === id);
    if (!step) throw unknownStep(lab.id, id, lab.steps.map((known) => known.id));
    return step;
  }

  #session(learner: string, lab: string): LabSession {
    const key = JSON.stringify([learner, lab]);
    let session = this.#sessions.get(key);
    if (!session) this.#sessions.set(key, (session = { learner, queue: new SerialQueue(), kept: new KeptResources(), notes: new StoredLabNotes(this.#store, learner, lab), since: 0 }));
    return session;
  }

  #open(learner: string, session: LabSession, answers: Readonly<Record<string, string>> = {}): LabContextFactory {
    return labContextFactory({
      cluster: this.#runtime,
      learner,
      answers,
      activity: this.activity.since(learner, session.since),
      t: this.#t,
      kept: session.kept,
      notes: session.notes,
    });
  }
}

function reason(error: unknown, t: Translate): string {
  if (error instanceof LabClusterDownError) return t('labs.grader.cluster-down');
  if (error instanceof LabWorkTimeoutError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
