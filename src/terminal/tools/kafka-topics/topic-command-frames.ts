/**
 * The stack frames kafka-topics prints with its Java stack traces (Kafka 3.9.0's TopicCommand line
 * numbers, jopt-simple 5.0.4's). The frames of the missing `--bootstrap-server`, the unknown option
 * and the missing topic are captured from real runs (KAFKA_CLI.md 2.4, 2.5); the others follow the
 * same source lines [inferred: where the real tool throws, not seen in a capture].
 */
import { joptParseFrames } from '../options/jopt-frames.ts';
import type { OptionException } from '../options/option-parser.ts';

const TOOL = 'org.apache.kafka.tools.TopicCommand';
const OPTIONS = `${TOOL}$TopicCommandOptions`;
const SERVICE = `${TOOL}$TopicService`;

/** `main` and `mainNoExit`, the outermost frames of everything. */
export const MAIN_FRAMES: readonly string[] = [`${TOOL}.mainNoExit(TopicCommand.java:90)`, `${TOOL}.main(TopicCommand.java:85)`];

/** Inside `execute`, at `line` (100: parsing the options; 101: creating the admin client; 105-113: the actions). */
export function executeFrames(line: number): string[] {
  return [`${TOOL}.execute(TopicCommand.java:${line})`, ...MAIN_FRAMES];
}

/** The line of `execute` that runs each action. */
export const ACTION_LINES = { create: 105, alter: 107, list: 109, describe: 111, delete: 113 } as const;
export type TopicAction = keyof typeof ACTION_LINES;

/** Building `TopicCommandOptions` (parse at line 830, checks at 835). */
export function optionsConstructorFrames(line: 830 | 835): string[] {
  return [`${OPTIONS}.<init>(TopicCommand.java:${line})`, ...executeFrames(100)];
}

/** `--bootstrap-server must be specified`, thrown by checkRequiredArgs. */
export const MISSING_BOOTSTRAP_FRAMES: readonly string[] = [
  `${OPTIONS}.checkRequiredArgs(TopicCommand.java:978)`,
  `${OPTIONS}.checkArgs(TopicCommand.java:971)`,
  ...optionsConstructorFrames(835),
];

/** What escapes `parser.parse(args)`: jopt's frames, then the options constructor's. */
export function parseFailureFrames(exception: OptionException): string[] {
  return [...joptParseFrames(exception), ...optionsConstructorFrames(830)];
}

/** Where an option's value is read (`valueAsOption`), by the getter and its caller. */
export function optionReadFrames(getter: { name: string; line: number }, callerFrames: readonly string[]): string[] {
  return [
    'joptsimple.OptionSet.valueOf(OptionSet.java:179)',
    `${OPTIONS}.valueAsOption(TopicCommand.java:852)`,
    `${OPTIONS}.valueAsOption(TopicCommand.java:842)`,
    `${OPTIONS}.${getter.name}(TopicCommand.java:${getter.line})`,
    ...callerFrames,
  ];
}

/** jopt's frames for a value that does not convert (`--partitions abc`), from `OptionSet.valueOf` inwards. */
export function conversionFrames(getter: { name: string; line: number }, callerFrames: readonly string[]): string[] {
  return [
    'joptsimple.AbstractOptionSpec.convertWith(AbstractOptionSpec.java:92)',
    'joptsimple.ArgumentAcceptingOptionSpec.convert(ArgumentAcceptingOptionSpec.java:277)',
    'joptsimple.OptionSet.valuesOf(OptionSet.java:223)',
    'joptsimple.OptionSet.valueOf(OptionSet.java:172)',
    ...optionReadFrames(getter, callerFrames).slice(1),
  ];
}

/** The getters of TopicCommandOptions whose values are read late, with their lines. */
export const GETTERS = {
  topic: { name: 'topic', line: 895 },
  topicId: { name: 'topicId', line: 899 },
  partitions: { name: 'partitions', line: 903 },
  replicationFactor: { name: 'replicationFactor', line: 907 },
  partitionSizeLimitPerResponse: { name: 'partitionSizeLimitPerResponse', line: 950 },
  bootstrapServer: { name: 'bootstrapServer', line: 883 },
} as const;

/** `new CommandTopicPartition(opts)` at `line` of its constructor, called from create (460) or alter (510). */
export function commandTopicPartitionFrames(line: number, action: 'create' | 'alter'): string[] {
  return [`${TOOL}$CommandTopicPartition.<init>(TopicCommand.java:${line})`, ...serviceFrames(action, action === 'create' ? 460 : 510)];
}

/** `TopicService.<action>(...)` at `line`, called from `execute`. */
export function serviceFrames(action: TopicAction, line: number): string[] {
  const method = { create: 'createTopic', alter: 'alterTopic', list: 'listTopics', describe: 'describeTopic', delete: 'deleteTopic' }[action];
  return [`${SERVICE}.${method}(TopicCommand.java:${line})`, ...executeFrames(ACTION_LINES[action])];
}

/** Creating the admin client: the frames from `Admin.create` outwards. */
export const ADMIN_CREATE_FRAMES: readonly string[] = [
  'org.apache.kafka.clients.admin.Admin.create(Admin.java:137)',
  `${SERVICE}.createAdminClient(TopicCommand.java:456)`,
  `${SERVICE}.<init>(TopicCommand.java:445)`,
  ...executeFrames(101),
];

/** `ensureTopicExists` as called by describe (578), alter (512) and delete (656). */
export function ensureTopicExistsFrames(action: 'describe' | 'alter' | 'delete'): string[] {
  const line = { describe: 578, alter: 512, delete: 656 }[action];
  return [`${TOOL}.ensureTopicExists(TopicCommand.java:218)`, ...serviceFrames(action, line)];
}
