/**
 * The commands a shell offers, by name and alias. The lab shell's set is `labCommands`
 * (`src/terminal/lab-commands.ts`); a test can build a registry of just the commands it needs.
 */
import type { Command } from '../command.ts';

export class CommandRegistry {
  readonly #byName = new Map<string, Command>();
  readonly #commands: Command[] = [];

  constructor(commands: Iterable<Command> = []) {
    for (const command of commands) this.register(command);
  }

  register(command: Command): this {
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      if (this.#byName.has(name)) throw new Error(`two commands are named ${name}`);
      this.#byName.set(name, command);
    }
    this.#commands.push(command);
    return this;
  }

  find(name: string): Command | undefined {
    return this.#byName.get(name);
  }

  /** Every command once, in registration order (for `help`). */
  commands(): readonly Command[] {
    return this.#commands;
  }

  /** Every name and alias, sorted (for tab completion). */
  names(): string[] {
    return [...this.#byName.keys()].sort();
  }
}

/** A Kafka tool answers to its Confluent name and to the Apache tarball's `<name>.sh`. */
export function kafkaToolAliases(name: string): string[] {
  return [`${name}.sh`];
}
