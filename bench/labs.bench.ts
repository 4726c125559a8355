/**
 * The lab engine's figures, on the embedded cluster (free ports) in this process, as `kafkalab start`
 * runs them, over every lab in the registry when the bench runs:
 * - grading latency per check: each step's checks and questions graded 20 times in a row (the server's
 *   context factory and grader, fresh clients per check as in a real check) right after the step's
 *   reference solution, so the cluster is in the state the step asks for; p50/p95 in ms, and how many
 *   of the runs passed. A step with a check that takes over 1 s even then (it watches the cluster over
 *   a bounded window by design) is graded 3 times, and the line says so;
 * - reset time: `LabEngine.reset` from the lab's finished state (every step skipped, i.e. solved) to its
 *   starting state, 5 rounds per lab; p50/max in ms;
 * - what grading leaves behind: this process's CPU time over an idle 3 s window with the cluster up,
 *   before any grading and after all of it, and its active handles (`process.getActiveResourcesInfo()`)
 *   at the same two moments; then after the cluster is down and the engine closed.
 * Goals: a check answers in < 500 ms (p95) when the cluster is as asked; reset ~2 s; grading leaves no
 * CPU or handles behind.
 *
 *   sh scripts/with-node.sh node bench/labs.bench.ts [lab-id-part ...]   (only the labs whose ids contain one)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeStep } from '../src/labs/grade.ts';
import { KeptResources } from '../src/labs/kept-resources.ts';
import { labs, labTranslate } from '../src/labs/registry.ts';
import { labContextFactory } from '../src/server/labs/lab-context-factory.ts';
import { LabEngine } from '../src/server/labs/lab-engine.ts';
import { ProgressStore } from '../src/server/labs/progress-store.ts';
import { StoredLabNotes } from '../src/server/labs/stored-lab-notes.ts';
import { EmbeddedRuntime } from '../src/server/runtime/embedded-runtime.ts';

const GRADINGS = 20;
/** A check slower than this even when the cluster is as asked watches it over a bounded window (a negative proven); its step is graded fewer times. */
const WATCHING_MS = 1_000;
const WATCHING_GRADINGS = 3;
const RESETS = 5;
const IDLE_MS = 3_000;
const LEARNER = 'bench';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number) => `${Math.round(value)}`.padStart(6);

/** CPU time (user + system, ms) this process spends over an idle window. */
async function idleCpuMs(): Promise<number> {
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function handles(): string {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => `${kind} ${count}`).join(', ') || 'none';
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kafkalab-labs-bench-'));
  const runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
  const store = ProgressStore.open(dataDir);
  const only = process.argv.slice(2);
  const engine = new LabEngine({ runtime, store, labs: labs.filter((lab) => only.length === 0 || only.some((filter) => lab.id.includes(filter))) });
  const t = labTranslate();
  try {
    await runtime.up();
    const idleBefore = await idleCpuMs();
    const handlesBefore = handles();

    console.log(`Grading latency per check, ms: ${GRADINGS} gradings of each check right after its step's reference solution`);
    console.log(`${'lab / step / check'.padEnd(64)}    p50    p95  passed`);
    for (const lab of engine.labs) {
      await engine.reset(LEARNER, lab.id);
      const kept = new KeptResources();
      const open = labContextFactory({ cluster: runtime, learner: LEARNER, t, kept, notes: new StoredLabNotes(store, LEARNER, lab.id) });
      for (const step of lab.steps) {
        await engine.skip(LEARNER, lab.id, step.id);
        // The reference answers, as the learner would type them.
        const opened = await open(new AbortController().signal);
        const answers: Record<string, string> = {};
        try {
          for (const question of step.questions ?? []) answers[question.id] = await question.answer(opened.context);
        } finally {
          await opened.close();
        }
        const grade = labContextFactory({ cluster: runtime, learner: LEARNER, t, kept, answers, notes: new StoredLabNotes(store, LEARNER, lab.id) });
        const byCheck = new Map<string, { durations: number[]; passed: number; failure?: string }>();
        let watches = false;
        for (let i = 0; i < (watches ? WATCHING_GRADINGS : GRADINGS); i++) {
          for (const check of (await gradeStep(step, grade, t)).checks) {
            const entry = byCheck.get(check.id) ?? { durations: [], passed: 0 };
            entry.durations.push(check.durationMs);
            if (check.passed) entry.passed++;
            else entry.failure ??= `saw ${check.saw}; expected ${check.expected}`;
            byCheck.set(check.id, entry);
            if (check.durationMs > WATCHING_MS) watches = true;
          }
        }
        for (const [id, { durations, passed, failure }] of byCheck) {
          const watching = Math.min(...durations) > WATCHING_MS ? '  (watches the cluster for a while by design)' : '';
          console.log(`${`${lab.id} / ${step.id} / ${id}`.padEnd(64)} ${ms(percentile(durations, 50))} ${ms(percentile(durations, 95))}  ${passed}/${durations.length}${watching}`);
          if (failure) console.log(`${''.padEnd(8)}first failing run: ${failure}`);
        }
      }
      await kept.releaseAll();
    }

    console.log(`\nReset time, ms: LabEngine.reset from the lab's finished state (every step's reference solution run), ${RESETS} rounds`);
    console.log(`${'lab'.padEnd(28)}    p50    max`);
    for (const lab of engine.labs) {
      const times: number[] = [];
      for (let round = 0; round < RESETS; round++) {
        // Finished (the grading above left every lab so), then reset.
        times.push((await engine.reset(LEARNER, lab.id)).resetMs);
        for (const step of lab.steps) await engine.skip(LEARNER, lab.id, step.id);
      }
      console.log(`${lab.id.padEnd(28)} ${ms(percentile(times, 50))} ${ms(Math.max(...times))}   (${lab.cluster?.initialState === 'down' ? 'ends with the cluster down' : 'ends with the cluster up'})`);
    }

    // The same cluster as before grading (fresh, every node running); a grader's leftover client would still be running.
    await runtime.down();
    await runtime.up();
    const idleAfter = await idleCpuMs();
    const handlesAfter = handles();
    console.log(`\nThis process, cluster up and idle, CPU time over ${IDLE_MS / 1000} s: before any grading ${Math.round(idleBefore)} ms, after all grading and resets ${Math.round(idleAfter)} ms`);
    console.log(`Active handles, cluster up and idle, before any grading: ${handlesBefore}`);
    console.log(`Active handles, cluster up and idle, after all grading:  ${handlesAfter}`);
  } finally {
    await engine.close();
    await runtime[Symbol.asyncDispose]();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Timers and sockets closing settle within a tick or two.
  await new Promise((resolve) => setTimeout(resolve, 500));
  console.log(`Active handles 0.5 s after the cluster is down and the engine closed: ${handles()}`);
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  console.log(`Active handles 5.5 s after: ${handles()}`);
}

await main();
