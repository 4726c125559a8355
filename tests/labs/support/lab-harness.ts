/**
 * Runs labs against a real embedded cluster (free ports) the way the lab engine does: the server's
 * context factory (kafkajs + our ZooKeeper client), the grader, the reference solutions.
 *
 *   await using lab = await startLab(seedTopic);
 *   const before = await lab.grade('create-topic');        // every check fails, saying what it saw
 *   await lab.solve('create-topic');
 *   expect((await lab.grade('create-topic')).passed).toBe(true);
 */
import { expect } from 'vitest';
import { gradeStep, type StepResult } from '../../../src/labs/grade.ts';
import type { LabActivity } from '../../../src/labs/lab-context.ts';
import type { Lab, LabStep } from '../../../src/labs/lab.ts';
import { labTranslate } from '../../../src/labs/registry.ts';
import { KeptResources } from '../../../src/labs/kept-resources.ts';
import { LabNotes } from '../../../src/labs/lab-notes.ts';
import { labContextFactory } from '../../../src/server/labs/lab-context-factory.ts';
import type { ClusterRuntime } from '../../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../../src/server/runtime/embedded-runtime.ts';

/** The runtime a lab runs on: by default an embedded cluster on free ports with the lab's broker ids. */
export interface LabRuntimeFactory {
  create(lab: Lab): Promise<ClusterRuntime>;
  /** Done with the lab: take its cluster down (the Docker runtime also drops the volumes). */
  release(runtime: ClusterRuntime): Promise<void>;
}

const embeddedLabRuntime: LabRuntimeFactory = {
  async create(lab) {
    return new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0], brokerIds: lab.cluster?.brokerIds });
  },
  release: async (runtime) => {
    await runtime[Symbol.asyncDispose]();
  },
};

export interface RunningLab extends AsyncDisposable {
  readonly runtime: ClusterRuntime;
  /** The lab session's long-lived clients (released at dispose). */
  readonly kept: KeptResources;
  /** The lab session's notes (what checks remember between steps). */
  readonly notes: LabNotes;
  /** Answers the learner typed, by question id (the reference answers after `solve`). */
  answers: Record<string, string>;
  activity: LabActivity[];
  step(id: string): LabStep;
  grade(stepId: string): Promise<StepResult>;
  /** Runs the step's reference solution and fills `answers` with its questions' live answers. */
  solve(stepId: string): Promise<void>;
  /** Fills `answers` with the live answers of the step's questions that have none yet (no solving). */
  answerTheRest(stepId: string): Promise<void>;
}

const t = labTranslate('en');

export async function startLab(lab: Lab, runtimes: LabRuntimeFactory = embeddedLabRuntime): Promise<RunningLab> {
  const runtime = await runtimes.create(lab);
  if (lab.cluster?.initialState !== 'down') await runtime.up();
  const kept = new KeptResources();
  const notes = new LabNotes();
  const running: RunningLab = {
    runtime,
    kept,
    notes,
    answers: {},
    activity: [],
    step(id) {
      const step = lab.steps.find((candidate) => candidate.id === id);
      if (!step) throw new Error(`lab ${lab.id} has no step ${id}`);
      return step;
    },
    grade(stepId) {
      return gradeStep(running.step(stepId), open(), t);
    },
    async solve(stepId) {
      const step = running.step(stepId);
      const opened = await open()(new AbortController().signal);
      try {
        await step.solve(opened.context);
        for (const question of step.questions ?? []) running.answers[question.id] = await question.answer(opened.context);
      } finally {
        await opened.close();
      }
    },
    async answerTheRest(stepId) {
      const unanswered = (running.step(stepId).questions ?? []).filter((question) => running.answers[question.id] === undefined);
      if (unanswered.length === 0) return;
      const opened = await open()(new AbortController().signal);
      try {
        for (const question of unanswered) running.answers[question.id] = await question.answer(opened.context);
      } finally {
        await opened.close();
      }
    },
    async [Symbol.asyncDispose]() {
      await kept.releaseAll();
      await runtimes.release(runtime);
    },
  };
  const open = () => labContextFactory({ cluster: runtime, learner: 'test', answers: running.answers, activity: running.activity, t, kept, notes });
  if (lab.cluster?.initialState !== 'down' && lab.reset) {
    const opened = await open()(new AbortController().signal);
    try {
      await lab.reset(opened.context);
    } finally {
      await opened.close();
    }
  }
  return running;
}

/** Every check and question of the step failed, each saying what it saw (no untranslated key). */
export function expectAllFailing(result: StepResult): void {
  for (const check of result.checks) {
    expect(check.passed, `${result.id}/${check.id} passed before the learner did anything (saw: ${check.saw})`).toBe(false);
    expect(check.saw.length, `${result.id}/${check.id} says nothing about what it saw`).toBeGreaterThan(0);
    expect(`${check.saw} ${check.expected}`).not.toMatch(/\[labs\./);
  }
}

/** Every check and question of the step passed. */
export function expectAllPassing(result: StepResult): void {
  for (const check of result.checks) expect(check.passed, `${result.id}/${check.id}: saw ${check.saw}; expected ${check.expected}`).toBe(true);
  expect(result.passed).toBe(true);
}

/**
 * The lab proven both ways, step by step: on the cluster as the learner finds it each step fails,
 * and after the step's reference solution it passes.
 */
export async function proveLab(lab: Lab, runtimes?: LabRuntimeFactory): Promise<void> {
  await using running = await startLab(lab, runtimes);
  for (const step of lab.steps) {
    expectAllFailing(await running.grade(step.id));
    await running.solve(step.id);
    expectAllPassing(await running.grade(step.id));
  }
}
