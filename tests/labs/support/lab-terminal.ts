/**
 * A terminal beside a lab, as the lab page has it: the lab shell with its commands, the lab
 * cluster's controls for `kafkalab stop kafka-2`, the course's addresses (`localhost:19092`) leading
 * to the test cluster's nodes, and every line recorded as the learner's activity, as the server
 * records it. A test types lines into it and reads what they printed.
 *
 *   await using terminal = openLabTerminal(lab);
 *   const { output } = await terminal.run('kafka-topics --bootstrap-server localhost:19092 --list');
 */
import { TcpTransport } from '../../../src/cluster/transport/tcp-transport.ts';
import { recordCommandActivity } from '../../../src/server/terminal/command-activity.ts';
import { labCommandRegistry } from '../../../src/terminal/lab-commands.ts';
import { ShellDriver, TEST_PROMPT } from '../../../src/terminal/shell/testing/shell-driver.ts';
import { testToolEnvironment } from '../../../src/terminal/testing/test-tool-environment.ts';
import { coursePortsTransport } from './course-ports-transport.ts';
import type { RunningLab } from './lab-harness.ts';

const CTRL_C = '\x03';
const CTRL_D = '\x04';

export interface LineRun {
  /** The line as typed. */
  line: string;
  exitCode: number;
  /**
   * What the line printed after it was typed, stdout and stderr as the terminal received them (tabs
   * kept, escape sequences and carriage returns removed, the next prompt left out).
   */
  output: string;
}

export interface RunOptions {
  /** Lines typed at the console producer's `>` prompts, each once its prompt is out, then Ctrl-D. */
  input?: readonly string[];
  /** Ctrl-C once the output matches (a command that runs until it is stopped). */
  interruptWhen?: RegExp;
  timeoutMs?: number;
}

/** A line left running (a consumer in a group): what it printed so far, and Ctrl-C. */
export interface RunningLine {
  readonly line: string;
  output(): string;
  interrupt(timeoutMs?: number): Promise<LineRun>;
}

export interface LabTerminal extends AsyncDisposable {
  readonly driver: ShellDriver;
  run(line: string, options?: RunOptions): Promise<LineRun>;
  /** Types the line and returns at once, leaving it running. */
  start(line: string): RunningLine;
}

/** Escape sequences (CSI, OSC) and carriage returns: what the screen interprets rather than shows. */
const CONTROL = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[@-Z\\-_]|\r/g;

export function openLabTerminal(lab: RunningLab): LabTerminal {
  const cluster = lab.runtime;
  const transport = coursePortsTransport(new TcpTransport(), () => cluster.status());
  const driver = new ShellDriver({ commands: labCommandRegistry(), env: testToolEnvironment({ transport, cluster }) });
  recordCommandActivity(driver.shell, { record: (_learner, activity) => lab.activity.push(activity) }, 'test');

  const start = (line: string) => {
    const count = driver.reports.length + 1;
    const from = driver.raw.length;
    driver.type(`${line}\r`);
    const done = () => driver.reports.length >= count && driver.raw.length > from && driver.raw.endsWith(TEST_PROMPT);
    const output = () => {
      const printed = driver.raw.slice(from, done() ? -TEST_PROMPT.length : undefined).replace(CONTROL, '');
      // The shell's echo of the typed line comes first.
      const echoEnd = printed.indexOf('\n');
      return echoEnd < 0 ? '' : printed.slice(echoEnd + 1);
    };
    const finished = async (timeoutMs: number): Promise<LineRun> => {
      await driver.until(done, `${line} to finish and the prompt to come back`, timeoutMs);
      return { line, exitCode: driver.reports[count - 1].exitCode, output: output() };
    };
    const shows = (pattern: RegExp, timeoutMs: number) => driver.until(() => pattern.test(output()), `${line} to print ${pattern}`, timeoutMs);
    return {
      line,
      output,
      shows,
      finished,
      async interrupt(timeoutMs = 15_000) {
        driver.type(CTRL_C);
        return finished(timeoutMs);
      },
    };
  };

  return {
    driver,
    start,
    async run(line, options = {}) {
      const timeoutMs = options.timeoutMs ?? 60_000;
      const running = start(line);
      if (options.input) {
        const prompts = () => (running.output().match(/^>|\n>/g) ?? []).length;
        for (const [index, text] of [...options.input, null].entries()) {
          await driver.until(() => prompts() > index, `the producer's prompt number ${index + 1}`, timeoutMs);
          driver.type(text === null ? CTRL_D : `${text}\r`);
        }
      }
      if (options.interruptWhen) {
        await running.shows(options.interruptWhen, timeoutMs);
        return running.interrupt();
      }
      return running.finished(timeoutMs);
    },
    async [Symbol.asyncDispose]() {
      await driver.shell.close();
    },
  };
}
