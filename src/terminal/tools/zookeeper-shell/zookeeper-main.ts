/**
 * ZooKeeperMain as Kafka's `zookeeper-shell` runs it (ZooKeeper 3.8.4 with Kafka's
 * `ZooKeeperMainWithTlsSupportForKafka`): the session, the shell's own commands (`quit`, `history`,
 * `redo`, `printwatches`, `connect`), the command count and the status of the last command.
 */
import type { Watcher, WatchEvent } from '../../../cluster/zookeeper/client/index.ts';
import type { ToolEnvironment } from '../../tool-environment.ts';
import type { CliCommandContext } from './cli-command.ts';
import { cliCommands } from './cli-commands/index.ts';
import { CliError, parseJavaInt } from './cli-error.ts';
import { connectionRefusedLog } from './client-log.ts';
import { commandWords } from './command-words.ts';
import { usageList, zooKeeperCommandOptions } from './usage.ts';
import { ZooKeeperShellSession } from './zookeeper-shell-session.ts';
import type { KeeperState } from './zookeeper-shell-session.ts';

export interface ShellStreams {
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
}

/** What a line asks of the shell: go on, or end with this status (`quit`). */
export type LineOutcome = { quit: false } | { quit: true; exitCode: number };

const eventTypes: Record<WatchEvent['type'], string> = {
  created: 'NodeCreated',
  deleted: 'NodeDeleted',
  'data-changed': 'NodeDataChanged',
  'children-changed': 'NodeChildrenChanged',
};

export class ZooKeeperMain {
  readonly #env: ToolEnvironment;
  readonly #io: ShellStreams;
  readonly #timeoutMs: number;
  readonly #history = new Map<number, string>();
  #commandCount = 0;
  #printWatches = true;
  #exitCode = 0;
  #words: string[] = [];
  #session: ZooKeeperShellSession | undefined;
  #host = '';

  constructor(env: ToolEnvironment, io: ShellStreams, timeoutMs: number) {
    this.#env = env;
    this.#io = io;
    this.#timeoutMs = timeoutMs;
  }

  /** The status of the last command: 0, 1 after a failure, 127 after an unknown command. */
  get exitCode(): number {
    return this.#exitCode;
  }

  /** `connectToZK`: a new session to `server` (the old one, if alive, is closed). Throws for a bad connect string. */
  async connect(server: string): Promise<void> {
    const previous = this.#session;
    if (previous?.alive) await previous.close({ report: true });
    this.#host = server;
    this.#session = new ZooKeeperShellSession(this.#env.transport, server, this.#timeoutMs, {
      state: (state) => this.#printEvent(state, 'None', 'null'),
      refused: (host, port, sessionId) => void this.#io.err(connectionRefusedLog(this.#env, sessionId, host, port)),
    });
  }

  async close(): Promise<void> {
    if (this.#session?.alive) await this.#session.close();
  }

  /** `executeLine`: a typed line; empty lines are skipped and not counted. */
  async executeLine(line: string): Promise<LineOutcome> {
    if (line === '') return { quit: false };
    const words = commandWords(line);
    // Java keeps the previous command when a line has no word it can match (a lone quote): it runs again.
    if (words.length > 0) this.#words = words;
    this.#history.set(this.#commandCount, line);
    const outcome = await this.processCmd(this.#words);
    this.#commandCount++;
    return outcome;
  }

  /** `processCmd`: runs one command; a failure is printed on stderr and sets the exit status. */
  async processCmd(words: string[]): Promise<LineOutcome> {
    this.#words = words;
    try {
      const outcome = await this.#processZKCmd(words);
      if (!outcome.quit) this.#exitCode = 0;
      return outcome;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      this.#exitCode = error.exitCode;
      await this.#io.err(`${error.message}\n`);
      return { quit: false };
    }
  }

  async #processZKCmd(words: string[]): Promise<LineOutcome> {
    const [command] = words;
    if (words.length < 1) {
      await this.#io.err(usageList());
      throw new CliError('No command entered');
    }
    if (!zooKeeperCommandOptions.has(command)) {
      await this.#io.err(usageList());
      throw new CliError(`Command not found: Command not found ${command}`, 127);
    }
    if (command === 'quit') {
      await this.close();
      return { quit: true, exitCode: this.#exitCode };
    }
    if (command === 'redo' && words.length >= 2) {
      const index = parseJavaInt(words[1]);
      if (this.#commandCount <= index || index < 0) throw new CliError('Command index out of range');
      const again = commandWords(this.#history.get(index) ?? '');
      if (again[0] === 'redo') throw new CliError('No redoing redos');
      this.#history.set(this.#commandCount, this.#history.get(index)!);
      return this.processCmd(again);
    }
    if (command === 'history') {
      for (let i = Math.max(0, this.#commandCount - 10); i <= this.#commandCount; i++) await this.#io.out(`${i} - ${this.#history.get(i)}\n`);
    } else if (command === 'printwatches') {
      if (words.length === 1) await this.#io.out(`printwatches is ${this.#printWatches ? 'on' : 'off'}\n`);
      else this.#printWatches = words[1] === 'on';
    } else if (command === 'connect') {
      await this.connect(words.length >= 2 ? words[1] : this.#host);
    }
    // The commands below need a live session (the shell's own ones above fall through to this check too).
    const session = this.#session;
    if (!session?.alive) {
      await this.#io.out('Not connected\n');
      return { quit: false };
    }
    const cliCommand = cliCommands.get(command);
    if (cliCommand) await cliCommand.run(words, this.#context(session));
    else if (!['history', 'printwatches', 'connect', 'redo'].includes(command)) {
      throw new CliError(`kafkalab: zookeeper-shell here has no ${command}; it has ${[...cliCommands.keys()].join(', ')}`);
    }
    return { quit: false };
  }

  #context(session: ZooKeeperShellSession): CliCommandContext {
    const watcher: Watcher = (event) => this.#printEvent('SyncConnected', eventTypes[event.type], event.path);
    return { env: this.#env, session, out: this.#io.out, err: this.#io.err, watcher };
  }

  /** The default watcher (`process`): two `printMessage`s, each a newline then the text. */
  #printEvent(state: KeeperState, type: string, path: string): void {
    if (this.#printWatches) void this.#io.out(`\nWATCHER::\n\nWatchedEvent state:${state} type:${type} path:${path}\n`);
  }
}
