/**
 * ConsoleConsumerOptions (Kafka 3.9), checked in the tool's order: jopt's parse → usage; no
 * arguments or `--help` → usage with the tool's purpose; `--version`; exactly one of
 * `--topic`/`--include`; `--partition`/`--offset`/`--from-beginning` rules; `--bootstrap-server`;
 * then the consumer's properties (`--consumer.config`, `--consumer-property`, one group id, the
 * random `console-consumer-NNNNN` group without auto commit), the offset, `--timeout-ms` and the
 * formatter. Reading an option's value twice or a bad number escapes the constructor uncaught
 * (`Exception in thread "main"`).
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { JavaException, JavaThrowableError, thrownAt } from '../kafka/java-exception.ts';
import { stringHashOrder } from '../kafka/java-hash-map.ts';
import { loadProps, parseKeyValueArgs } from '../kafka/java-properties.ts';
import { LOAD_PROPS_FRAMES } from '../kafka/java-stack-trace.ts';
import { UsageError, checkRequiredArgs } from '../options/command-line-utils.ts';
import { OptionException, parseOptions } from '../options/option-parser.ts';
import type { OptionSpec, ParsedOptions } from '../options/option-parser.ts';
import { formatterKindFor } from './formatters.ts';
import type { FormatterKind } from './formatters.ts';

export const CONSUMER_OPTION_SPECS: readonly OptionSpec[] = [
  { name: 'bootstrap-server', argument: 'required' },
  { name: 'consumer-property', argument: 'required' },
  { name: 'consumer.config', argument: 'required' },
  { name: 'enable-systest-events' },
  { name: 'formatter', argument: 'required' },
  { name: 'formatter-config', argument: 'required' },
  { name: 'from-beginning' },
  { name: 'group', argument: 'required' },
  { name: 'help' },
  { name: 'include', argument: 'required' },
  { name: 'isolation-level', argument: 'required' },
  { name: 'key-deserializer', argument: 'required' },
  { name: 'max-messages', argument: 'required' },
  { name: 'offset', argument: 'required' },
  { name: 'partition', argument: 'required' },
  { name: 'property', argument: 'required' },
  { name: 'skip-message-on-error' },
  { name: 'timeout-ms', argument: 'required' },
  { name: 'topic', argument: 'required' },
  { name: 'value-deserializer', argument: 'required' },
  { name: 'version' },
  { name: 'whitelist', argument: 'required' },
];

const DEFAULT_FORMATTER = 'org.apache.kafka.tools.consumer.DefaultMessageFormatter';

/** An exception the options constructor lets escape `main` (the JVM prints `Exception in thread "main"`). */
export class UncaughtException extends JavaThrowableError {}

/** Where in the constructor a value is read (ConsoleConsumerOptions.java 3.9 lines), for the uncaught trace. */
interface Stage {
  line: number;
}

/** `--from-beginning` with another `auto.offset.reset`: a message on stderr, exit 1, no help. */
export class ConflictingOffsetReset extends Error {}

export type ParsedConsumerCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: ConsoleConsumerOptions };

export interface ConsoleConsumerOptions {
  readonly parsed: ParsedOptions;
  readonly topic: string | undefined;
  /** `--include` (or the deprecated `--whitelist`): a Java regular expression over topic names. */
  readonly include: string | undefined;
  readonly partition: number | undefined;
  /** `--offset`: `earliest`, `latest`, or a non-negative offset (decimal string). */
  readonly offset: 'earliest' | 'latest' | string;
  readonly fromBeginning: boolean;
  /** Milliseconds without a record before the tool stops; Infinity without `--timeout-ms`. */
  readonly timeoutMs: number;
  readonly skipMessageOnError: boolean;
  readonly bootstrapServer: string;
  /** The consumer's configuration (group.id, auto.offset.reset, client.id, isolation.level, ...). */
  readonly consumerProps: Map<string, string>;
  readonly formatter: FormatterKind;
  readonly formatterArgs: Map<string, string>;
  /** WARNING lines `convertDeprecatedClass` printed on stderr. */
  readonly warnings: string[];
}

/** Throws UsageError, ConflictingOffsetReset or UncaughtException, as the Java constructor exits. */
export async function parseConsumerCommand(env: ToolEnvironment, args: readonly string[], random: () => number = Math.random): Promise<ParsedConsumerCommand> {
  let parsed: ParsedOptions;
  try {
    parsed = parseOptions(CONSUMER_OPTION_SPECS, args);
  } catch (error) {
    if (error instanceof OptionException) throw new UsageError(error.message);
    throw error;
  }
  if (args.length === 0 || parsed.has('help')) return { kind: 'help' };
  if (parsed.has('version')) return { kind: 'version' };
  const stage: Stage = { line: 180 };
  return uncaught(stage, async () => ({ kind: 'run', options: await consumerOptions(env, parsed, random, stage) }));
}

async function consumerOptions(env: ToolEnvironment, parsed: ParsedOptions, random: () => number, stage: Stage): Promise<ConsoleConsumerOptions> {
  const topic = parsed.has('topic') ? parsed.valueOf('topic') : undefined;
  const include = parsed.has('include') ? parsed.valueOf('include') : parsed.valueOf('whitelist');
  if ((topic !== undefined ? 1 : 0) + (include !== undefined ? 1 : 0) !== 1) {
    const whitelist = parsed.has('whitelist') ? '--whitelist is DEPRECATED use --include instead; ignored if --include specified.' : '';
    throw new UsageError(`Exactly one of --include/--topic is required. ${whitelist}`);
  }
  const partition = parsed.has('partition') ? parsed.intValueOf('partition') : undefined;
  const fromBeginning = parsed.has('from-beginning');
  if (partition !== undefined) {
    if (!parsed.has('topic')) throw new UsageError('The topic is required when partition is specified.');
    if (fromBeginning && parsed.has('offset')) throw new UsageError('Options from-beginning and offset cannot be specified together.');
  } else if (parsed.has('offset')) {
    throw new UsageError('The partition is required when offset is specified.');
  }
  checkRequiredArgs(parsed, 'bootstrap-server');

  stage.line = 183;
  const consumerConfig = parsed.valueOf('consumer.config');
  const fromFile = consumerConfig !== undefined ? await loadProps(env, consumerConfig) : new Map<string, string>();
  const extra = parseKeyValueArgs(parsed.valuesOf('consumer-property'));
  const groupIds = checkConsumerGroup(parsed, fromFile, extra, partition);
  const consumerProps = buildConsumerProps(parsed, fromFile, extra, groupIds, fromBeginning, random);
  const offset = parseOffset(parsed, fromBeginning);
  stage.line = 189;
  const timeout = parsed.has('timeout-ms') ? (parsed.longValueOf('timeout-ms') as number) : -1;

  const warnings: string[] = [];
  const formatterName = convertDeprecatedClass(parsed.valueOf('formatter') ?? DEFAULT_FORMATTER, warnings);
  const formatter = formatterKindFor(formatterName);
  if (!formatter) throw new UsageError(formatterName);
  let formatterArgs: Map<string, string>;
  try {
    const formatterConfig = parsed.valueOf('formatter-config');
    formatterArgs = formatterConfig !== undefined ? await loadProps(env, formatterConfig) : new Map<string, string>();
  } catch (error) {
    // buildFormatter catches any exception and prints its message with the help table.
    if (error instanceof JavaException) throw new UsageError(error.message);
    throw error;
  }
  const keyDeserializer = parsed.valueOf('key-deserializer');
  if (keyDeserializer) formatterArgs.set('key.deserializer', keyDeserializer);
  const valueDeserializer = parsed.valueOf('value-deserializer');
  if (valueDeserializer) formatterArgs.set('value.deserializer', valueDeserializer);
  for (const [key, value] of parseKeyValueArgs(parsed.valuesOf('property'))) formatterArgs.set(key, value);

  return {
    parsed,
    topic,
    include,
    partition,
    offset,
    fromBeginning,
    timeoutMs: timeout >= 0 ? timeout : Infinity,
    skipMessageOnError: parsed.has('skip-message-on-error'),
    bootstrapServer: parsed.valueOf('bootstrap-server') as string,
    consumerProps,
    formatter,
    formatterArgs,
    warnings,
  };
}

function checkConsumerGroup(parsed: ParsedOptions, fromFile: Map<string, string>, extra: Map<string, string>, partition: number | undefined): string[] {
  const provided: string[] = [];
  const add = (groupId: string | undefined) => {
    if (groupId !== undefined && !provided.includes(groupId)) provided.push(groupId);
  };
  if (parsed.has('group')) add(parsed.valueOf('group'));
  add(fromFile.get('group.id'));
  add(extra.get('group.id'));
  const groupIds = stringHashOrder(provided);
  if (groupIds.length > 1) {
    throw new UsageError(
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. " +
        `Detected group ids: ${groupIds.map((group) => `'${group}'`).join(', ')}`,
    );
  }
  if (groupIds.length > 0 && partition !== undefined) throw new UsageError('Options group and partition cannot be specified together.');
  return groupIds;
}

function buildConsumerProps(
  parsed: ParsedOptions,
  fromFile: Map<string, string>,
  extra: Map<string, string>,
  groupIds: string[],
  fromBeginning: boolean,
  random: () => number,
): Map<string, string> {
  const props = new Map([...fromFile, ...extra]);
  const reset = props.get('auto.offset.reset');
  if (reset !== undefined) {
    if (fromBeginning && reset !== 'earliest') {
      throw new ConflictingOffsetReset(`Can't simultaneously specify --from-beginning and 'auto.offset.reset=${reset}', please remove one option`);
    }
  } else {
    props.set('auto.offset.reset', fromBeginning ? 'earliest' : 'latest');
  }
  props.set('bootstrap.servers', parsed.valueOf('bootstrap-server') as string);
  if (!props.has('client.id')) props.set('client.id', 'console-consumer');
  if (parsed.has('isolation-level') || !props.has('isolation.level')) props.set('isolation.level', parsed.valueOf('isolation-level') ?? 'read_uncommitted');
  if (groupIds.length === 0) {
    props.set('group.id', `console-consumer-${Math.floor(random() * 100_000)}`);
    // The generated group is not meant to be used again: no commits unless asked for.
    if (!props.has('enable.auto.commit')) props.set('enable.auto.commit', 'false');
  } else {
    props.set('group.id', groupIds[0]);
  }
  return props;
}

function parseOffset(parsed: ParsedOptions, fromBeginning: boolean): string {
  if (parsed.has('offset')) {
    const text = parsed.valueOf('offset') as string;
    const lower = text.toLowerCase();
    if (lower === 'earliest' || lower === 'latest') return lower;
    const invalid = () => new UsageError(`The provided offset value '${text}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.`);
    if (!/^[+-]?\d+$/.test(text)) throw invalid();
    const offset = BigInt(text);
    if (offset < 0n || offset > 9_223_372_036_854_775_807n) throw invalid();
    return offset.toString();
  }
  return fromBeginning ? 'earliest' : 'latest';
}

/** `convertDeprecatedClass`: the pre-3.7 formatter names still work, with a WARNING on stderr. */
function convertDeprecatedClass(className: string, warnings: string[]): string {
  const moved = /^kafka\.tools\.(DefaultMessageFormatter|LoggingMessageFormatter|NoOpMessageFormatter)$/.exec(className);
  if (!moved) return className;
  const replacement = `org.apache.kafka.tools.consumer.${moved[1]}`;
  warnings.push(`WARNING: ${className} is deprecated and will be removed in the next major release. Please use ${replacement} instead\n`);
  return replacement;
}

/** Runs the constructor's steps; jopt's exception and a missing file escape main uncaught. */
async function uncaught<T>(stage: Stage, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    const frames = [`org.apache.kafka.tools.consumer.ConsoleConsumerOptions.<init>(ConsoleConsumerOptions.java:${stage.line})`, 'org.apache.kafka.tools.consumer.ConsoleConsumer.main(ConsoleConsumer.java:57)'];
    if (error instanceof OptionException) {
      // [inferred] jopt's frames: OptionSet#valueOf, converting the argument where it has a type.
      const jopt = error.javaClass.endsWith('ConversionException')
        ? ['joptsimple.ArgumentAcceptingOptionSpec.convert(ArgumentAcceptingOptionSpec.java:277)', 'joptsimple.OptionSet.valuesOf(OptionSet.java:223)', 'joptsimple.OptionSet.valueOf(OptionSet.java:172)']
        : ['joptsimple.OptionSet.valueOf(OptionSet.java:171)'];
      throw new UncaughtException(thrownAt(error, [...jopt, ...frames]));
    }
    if (error instanceof JavaException) throw new UncaughtException(thrownAt(error, [...LOAD_PROPS_FRAMES, ...frames]));
    throw error;
  }
}
