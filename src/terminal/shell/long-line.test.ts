/**
 * A long pasted line must cost work in proportion to its length: the embedded cluster runs in the
 * same process as the shell, so a quadratic paste (the whole line re-measured for every 16 KiB
 * chunk the page sends) froze the server for seconds. The work is counted, not timed: every
 * grapheme the shell measures (`cellWidth`) and every character it splits into graphemes.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Command } from '../command.ts';
import { shellBuiltins } from '../builtins/shell-builtins.ts';
import { TERMINAL_LIMITS } from '../terminal-protocol.ts';
import { testToolEnvironment } from '../testing/test-tool-environment.ts';
import { CommandRegistry } from './command-registry.ts';
import { LabShell } from './lab-shell.ts';
import type { CommandLineReport } from './lab-shell.ts';
import { LINE_TOO_LONG_NOTICE, MAX_LINE_CHARACTERS } from './line-length.ts';

const work = vi.hoisted(() => ({ units: 0 }));

vi.mock('./text-width.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./text-width.ts')>();
  return {
    ...actual,
    graphemes: (text: string) => {
      work.units += text.length;
      return actual.graphemes(text);
    },
    cellWidth: (grapheme: string) => {
      work.units += 1;
      return actual.cellWidth(grapheme);
    },
  };
});

/** Reads one line and reports its length. */
const lineLength: Command = {
  name: 'line-length',
  summary: 'reads a line',
  async run({ stdin, stdout }) {
    const line = await stdin.readLine();
    await stdout.write(`read ${line?.length ?? 'nothing'}\n`);
    return 0;
  },
};

/** The bell, then the notice on a row of its own. */
const NOTICE = `\x07kafkalab: ${LINE_TOO_LONG_NOTICE}\r\n`;

function shell() {
  const lab = new LabShell({ commands: new CommandRegistry([...shellBuiltins, lineLength]), env: testToolEnvironment(), banner: '', prompt: '$ ' });
  const output = { bytes: 0, tail: '', notices: 0 };
  lab.onOutput((data) => {
    output.bytes += data.length;
    output.tail = (output.tail + data).slice(-200);
    output.notices += data.split(NOTICE).length - 1;
  });
  const reports: CommandLineReport[] = [];
  lab.onCommand((report) => reports.push(report));
  const finished = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (reports.length >= count ? resolve() : setImmediate(check));
      check();
    });
  return { lab, output, reports, finished };
}

/** Sends `text` as the page does: in input messages of at most `maxInputChars` characters. */
function paste(lab: LabShell, text: string): void {
  for (let i = 0; i < text.length; i += TERMINAL_LIMITS.maxInputChars) lab.input(text.slice(i, i + TERMINAL_LIMITS.maxInputChars));
}

/** Pastes `echo <length × a> | wc -c` and Enter; the work done and the bytes drawn up to wc's answer. */
async function pasteLine(length: number) {
  const { lab, output, finished } = shell();
  work.units = 0;
  const bytesBefore = output.bytes;
  paste(lab, `echo ${'a'.repeat(length)} | wc -c\r`);
  await finished(1);
  expect(output.tail).toContain(`\r\n${length + 1}\r\n`);
  return { work: work.units, bytes: output.bytes - bytesBefore };
}

describe('LabShell: a long line', () => {
  it('pasted in chunks, costs work and output in proportion to its length', async () => {
    const single = await pasteLine(200_000);
    const double = await pasteLine(400_000);
    // Linear: twice the line, about twice the work (a quadratic shell does four times as much).
    expect(double.work / single.work).toBeLessThan(2.2);
    expect(single.work).toBeLessThan(10 * 200_000);
    // Drawn once: the echoed paste and echo's output, not the line again for every chunk.
    expect(single.bytes).toBeLessThan(2 * 200_000 + 200);
    expect(double.bytes).toBeLessThan(2 * 400_000 + 200);
  });

  it('typed key by key, costs the same for each key however long the line is', async () => {
    const typeKeys = (count: number) => {
      const { lab } = shell();
      lab.input('echo ');
      work.units = 0;
      for (let i = 0; i < count; i++) lab.input('x');
      return work.units;
    };
    expect(typeKeys(4000) / typeKeys(2000)).toBeLessThan(2.2);
  });

  it(`keeps the first ${MAX_LINE_CHARACTERS} characters of a longer line, rings and says so once, and runs what it kept`, async () => {
    const { lab, output, reports, finished } = shell();
    paste(lab, `true ${'a'.repeat(MAX_LINE_CHARACTERS)}`);
    expect(output.notices).toBe(1);
    // What was typed stays: the prompt and the line again below the notice, and typing goes on (nothing more fits).
    lab.input('bbb\r');
    await finished(1);
    expect(output.notices).toBe(1);
    expect(reports[0].commands[0].argv[1]).toBe('a'.repeat(MAX_LINE_CHARACTERS - 'true '.length));
  });

  it('keeps the first characters of a longer line a command reads, and says so once', async () => {
    const { lab, output, finished } = shell();
    lab.input('line-length\r');
    paste(lab, 'b'.repeat(MAX_LINE_CHARACTERS + 50_000));
    expect(output.notices).toBe(1);
    lab.input('\r');
    await finished(1);
    expect(output.tail).toContain(`read ${MAX_LINE_CHARACTERS}\r\n`);
  });
});
