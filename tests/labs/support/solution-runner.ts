/**
 * Does a lab the way its solution lines say, in lab shells beside it: each command line typed as
 * shown (a Run button types it so), the `>` lines after a console producer typed at its prompts,
 * the learner's answers read off what the terminal printed, then every step graded.
 *
 * How a line is run when "type it and wait for the prompt" is not enough (a consumer left running,
 * Ctrl-C, another terminal tab, asking again until ZooKeeper has settled) and how answers and
 * placeholder values are read off the terminal is the test's plan for that lab (`LabPlan`).
 */
import { expect } from 'vitest';
import type { StepResult } from '../../../src/labs/grade.ts';
import type { Lab } from '../../../src/labs/lab.ts';
import { expectAllPassing, startLab, type RunningLab } from './lab-harness.ts';
import { openLabTerminal, type LabTerminal, type LineRun, type RunningLine } from './lab-terminal.ts';

/** A value to fill in (`kafkalab stop kafka-<leader>`), as the page's Run buttons recognise it. */
const PLACEHOLDER = /<([A-Za-z][\w.-]*)>/g;

/** What the terminals printed so far, newest last. */
export class Transcript {
  readonly runs: LineRun[] = [];
  /** The placeholders' values read so far (`leader` → `3`). */
  readonly values: Record<string, string> = {};

  /** The newest run of a line matching `line`. */
  last(line: RegExp): LineRun {
    const run = this.runs.findLast((candidate) => line.test(candidate.line));
    if (!run) throw new Error(`no line matching ${line} has run yet`);
    return run;
  }

  /** The first capture of `pattern` in the newest output of a line matching `line`. */
  read(line: RegExp, pattern: RegExp): string {
    const run = this.last(line);
    const match = pattern.exec(run.output);
    if (!match) throw new Error(`\`${run.line}\` printed nothing matching ${pattern}:\n${run.output}`);
    return match[1];
  }
}

export interface LinePlan {
  /** The terminal tab it is typed in (0, the default, is the first). */
  terminal?: number;
  /** Leave it running (a consumer in a group), to be stopped by a later line's `interrupt`. */
  keepRunning?: boolean;
  /** Before this line: Ctrl-C in the terminal where a line was left running. */
  interrupt?: number;
  /** Ctrl-C once it prints this (a tool that would otherwise retry for a minute). */
  interruptWhen?: RegExp;
  /** Asked again (after a moment) until its output says so: ZooKeeper members sync after a start. */
  repeatUntil?: (output: string, seen: Transcript) => boolean;
  /** With `repeatUntil`: the lines from this index up to this one are asked again together (the three srvr lines). */
  repeatFrom?: number;
  /** Its exit status when that is not 0, with the reason in a comment; `any` when it depends on which node the learner picked. */
  exitCode?: number | 'any';
}

export interface StepPlan {
  /** By the line's index in `solution`. */
  lines?: Record<number, LinePlan>;
  /** The values of the placeholders in this step's lines, read off the terminal as the learner would. */
  fill?: (seen: Transcript) => Record<string, string>;
  /** How the answer to each question is read off the terminal, by question id; the others get the cluster's reference answer. */
  answers?: Record<string, (seen: Transcript) => string>;
  /** Graded until it passes (within 30 s), as a learner checks again: consumer groups commit every 5 s. */
  settles?: boolean;
}

export type LabPlan = Record<string, StepPlan>;

const SETTLE_MS = 30_000;
const ASK_AGAIN_MS = 500;

export function placeholdersOf(line: string): string[] {
  return [...line.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

export function isCommandLine(line: string): boolean {
  return !/^[(>]/.test(line);
}

/** Starts `lab` on a fresh cluster and does every step through its solution lines; each step must pass. */
export async function solveInTerminal(lab: Lab, plan: LabPlan): Promise<void> {
  await using running = await startLab(lab);
  const terminals: LabTerminal[] = [];
  const left = new Map<number, RunningLine>();
  const seen = new Transcript();
  const values = seen.values;
  const terminal = (index: number) => (terminals[index] ??= openLabTerminal(running));
  try {
    for (const step of lab.steps) {
      const stepPlan = plan[step.id] ?? {};
      const lines = step.solution ?? [];
      for (const [index, line] of lines.entries()) {
        const how = stepPlan.lines?.[index] ?? {};
        if (how.interrupt !== undefined) {
          const stopped = left.get(how.interrupt);
          if (!stopped) throw new Error(`${lab.id}/${step.id}: nothing left running in terminal ${how.interrupt + 1} to stop`);
          left.delete(how.interrupt);
          seen.runs.push(await stopped.interrupt());
        }
        if (!isCommandLine(line)) continue;
        const typed = fillIn(line, values, () => stepPlan.fill?.(seen) ?? {}, `${lab.id}/${step.id}`);
        const input = inputAfter(lines, index);
        const where = terminal(how.terminal ?? 0);
        if (how.keepRunning) {
          left.set(how.terminal ?? 0, where.start(typed));
          continue;
        }
        let run = await where.run(typed, { input, interruptWhen: how.interruptWhen });
        seen.runs.push(run);
        const deadline = Date.now() + SETTLE_MS;
        while (how.repeatUntil && !how.repeatUntil(run.output, seen) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, ASK_AGAIN_MS));
          for (const again of how.repeatFrom === undefined ? [] : lines.slice(how.repeatFrom, index).filter(isCommandLine)) {
            seen.runs.push(await where.run(fillIn(again, values, () => ({}), `${lab.id}/${step.id}`)));
          }
          run = await where.run(typed, { input });
          seen.runs.push(run);
        }
        if (how.repeatUntil) expect(how.repeatUntil(run.output, seen), `${lab.id}/${step.id}: \`${typed}\` never printed what the step waits for:\n${run.output}`).toBe(true);
        if (how.exitCode !== 'any') expect(run.exitCode, `${lab.id}/${step.id}: \`${typed}\` ended with ${run.exitCode}:\n${run.output}`).toBe(how.exitCode ?? 0);
      }
      for (const [question, read] of Object.entries(stepPlan.answers ?? {})) running.answers[question] = read(seen);
      await running.answerTheRest(step.id);
      expectAllPassing(stepPlan.settles ? await gradeUntilPassed(running, step.id) : await running.grade(step.id));
    }
  } finally {
    for (const line of left.values()) await line.interrupt().catch(() => undefined);
    for (const opened of terminals) await opened[Symbol.asyncDispose]();
  }
}

/** The `>` lines right after a command: what the learner types at the console producer's prompts. */
function inputAfter(lines: readonly string[], index: number): string[] | undefined {
  const input: string[] = [];
  for (const line of lines.slice(index + 1)) {
    if (!line.startsWith('>')) break;
    input.push(line.slice(1));
  }
  return input.length > 0 ? input : undefined;
}

/** The line with its placeholders filled in: values read earlier in the lab are kept (`<leader>` again in a later step). */
function fillIn(line: string, values: Record<string, string>, read: () => Record<string, string>, where: string): string {
  const names = placeholdersOf(line);
  if (names.some((name) => values[name] === undefined)) Object.assign(values, { ...read(), ...values });
  return line.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${where}: the plan reads no value for <${name}> in \`${line}\``);
    return value;
  });
}

async function gradeUntilPassed(running: RunningLab, stepId: string): Promise<StepResult> {
  const deadline = Date.now() + SETTLE_MS;
  let result = await running.grade(stepId);
  while (!result.passed && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, ASK_AGAIN_MS));
    result = await running.grade(stepId);
  }
  return result;
}
