/**
 * Drives a `LabShell` in a test as a learner would: keystrokes in, a virtual screen out. `until`
 * waits for what the screen shows (checked at every output and every finished line), never for a
 * fixed time.
 */
import type { Command } from '../../command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import type { ToolEnvironment } from '../../tool-environment.ts';
import { CommandRegistry } from '../command-registry.ts';
import { LabShell } from '../lab-shell.ts';
import type { CommandLineReport, LabShellOptions } from '../lab-shell.ts';
import { VirtualScreen } from './virtual-screen.ts';

export const TEST_PROMPT = '$ ';

export interface ShellDriverOptions extends Partial<Omit<LabShellOptions, 'commands'>> {
  commands: readonly Command[] | CommandRegistry;
  env?: ToolEnvironment;
}

export class ShellDriver {
  readonly shell: LabShell;
  readonly screen: VirtualScreen;
  readonly reports: CommandLineReport[] = [];
  readonly exits: number[] = [];
  /** Everything the shell wrote, escapes included. */
  raw = '';
  readonly #checks = new Set<() => void>();

  constructor(options: ShellDriverOptions) {
    const size = options.size ?? { cols: 80, rows: 24 };
    this.screen = new VirtualScreen(size.cols, size.rows);
    const commands = options.commands instanceof CommandRegistry ? options.commands : new CommandRegistry(options.commands);
    this.shell = new LabShell({ banner: '', prompt: TEST_PROMPT, ...options, size, commands, env: options.env ?? testToolEnvironment() });
    this.shell.onCommand((report) => {
      this.reports.push(report);
      this.#check();
    });
    this.shell.onExit((code) => {
      this.exits.push(code);
      this.#check();
    });
    this.shell.onOutput((data) => {
      this.raw += data;
      this.screen.write(data);
      this.#check();
    });
  }

  type(keys: string): void {
    this.shell.input(keys);
  }

  resize(cols: number, rows = 24): void {
    this.screen.resize(cols, rows);
    this.shell.resize({ cols, rows });
  }

  /** Resolves once `condition` holds (checked now and after every output, report and exit). */
  until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#checks.delete(check);
        reject(new Error(`timed out waiting for ${what}; the screen shows:\n${this.screen.text()}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.#checks.delete(check);
        resolve();
      };
      this.#checks.add(check);
    });
  }

  /** Until the screen's text contains `text`. */
  untilShown(text: string): Promise<void> {
    return this.until(() => this.screen.text().includes(text), JSON.stringify(text));
  }

  /** Until `count` lines have finished and the prompt is back (the cursor right after it). */
  untilPrompt(count = this.reports.length + 1): Promise<void> {
    return this.until(() => this.reports.length >= count && this.#atPrompt(), `line ${count} to finish and the prompt to come back`);
  }

  /** Types `line` and Enter, waits for it to finish and the prompt; returns what it showed (between the line and the prompt). */
  async run(line: string): Promise<string> {
    // The rows before the output: those above the prompt, and the rows the typed line wraps onto.
    const before = this.lines().length - 1 + Math.max(1, Math.ceil((this.screen.cursor.column + line.length) / this.screen.columns));
    const count = this.reports.length + 1;
    this.type(`${line}\r`);
    await this.untilPrompt(count);
    const rows = this.screen.text().split('\n');
    // Output that did not end a line has the prompt after it on its row.
    const unended = this.#beforePrompt();
    return [...rows.slice(before, -1), ...(unended ? [unended] : [])].join('\n');
  }

  /** The text of the screen's rows, trailing blank rows left out. */
  lines(): string[] {
    return this.screen.text().split('\n');
  }

  /** The cursor is right after a prompt with nothing typed (the prompt may follow output on its row). */
  #atPrompt(): boolean {
    const { row, column } = this.screen.cursor;
    const text = this.screen.visible()[row];
    return text.length <= column && text.padEnd(column).endsWith(TEST_PROMPT);
  }

  /** What the prompt's row shows before the prompt. */
  #beforePrompt(): string {
    const { row, column } = this.screen.cursor;
    return this.screen.visible()[row].slice(0, Math.max(0, column - TEST_PROMPT.length));
  }

  #check(): void {
    for (const check of [...this.#checks]) check();
  }
}
