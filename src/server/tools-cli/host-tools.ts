/**
 * The lab commands that are Kafka's own tools — `kafka-*` and `zookeeper-shell`, with and without `.sh` —
 * and so also run on the learner's own machine (`npx kafkalab kafka-topics ...`). The shell's utilities
 * (`grep`, `nc`) and `kafkalab`'s cluster controls are the lab terminal's only.
 */
import type { Command } from '../../terminal/command.ts';
import { labCommands } from '../../terminal/lab-commands.ts';

export function isHostTool(command: Command): boolean {
  return command.name.startsWith('kafka-') || command.name === 'zookeeper-shell';
}

export function hostTools(): Command[] {
  return labCommands.filter(isHostTool);
}

/** The tool answering to `name` (`kafka-topics` or `kafka-topics.sh`). */
export function findHostTool(name: string): Command | undefined {
  return hostTools().find((command) => command.name === name || command.aliases?.includes(name));
}

/** Every name the tools answer to, in the lab's order, each tool's own name first. */
export function hostToolNames(): string[] {
  return hostTools().flatMap((command) => [command.name, ...(command.aliases ?? [])]);
}
