/**
 * `--command-config <file>` as `Utils.loadProps` reads it (the shared `loadProps`): a Java properties
 * file. Only the tools on the learner's own machine have files; in the lab shell (no `readFile`) and
 * for a missing path the tool fails as Java does, with `java.nio.file.NoSuchFileException: <path>`
 * and the frames of JDK 17 and Kafka 3.9 [inferred] up to TopicCommand's own.
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { loadOptionalProps } from '../kafka/java-properties.ts';
import { executeFrames } from './topic-command-frames.ts';
import type { TopicCommandOptions } from './topic-command-options.ts';

/** The properties of `--command-config` (empty without the option). */
export async function loadCommandConfig(env: ToolEnvironment, opts: TopicCommandOptions): Promise<Map<string, string>> {
  if (!opts.has('command-config')) return new Map();
  const path = opts.string('command-config', { name: 'commandConfig', line: 888 }, executeFrames(101))!;
  return loadOptionalProps(env, path, ['org.apache.kafka.tools.TopicCommand$TopicCommandOptions.commandConfig(TopicCommand.java:888)', ...executeFrames(101)]);
}
