/**
 * kafka-topics' options and their checks, as Kafka 3.9's `TopicCommand.TopicCommandOptions` does them,
 * in the same order: parse (jopt), no arguments, --help/--version, exactly one action, the required
 * arguments (a missing --bootstrap-server is an IllegalArgumentException, not a usage message), then
 * the invalid combinations.
 *
 * Outcomes: a `UsageError` (message + help table on stderr, exit 1), a `VersionRequest` (print the
 * version, exit 0), a `JavaException` for what escapes to `mainNoExit` (message, then the stack trace,
 * on stderr, exit 1), or the options.
 */
import { OptionException, parseOptions } from '../options/option-parser.ts';
import type { OptionSpec, ParsedOptions } from '../options/option-parser.ts';
import { checkInvalidArgs, checkRequiredArgs, UsageError } from '../options/command-line-utils.ts';
import { TOPIC_COMMAND_HELP_MESSAGE, TOPIC_COMMAND_NO_ARGS_MESSAGE } from './help-table.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { conversionFrames, MISSING_BOOTSTRAP_FRAMES, optionReadFrames, parseFailureFrames } from './topic-command-frames.ts';

const SPECS: readonly OptionSpec[] = [
  { name: 'bootstrap-server', argument: 'required' },
  { name: 'command-config', argument: 'required' },
  { name: 'list' },
  { name: 'create' },
  { name: 'delete' },
  { name: 'alter' },
  { name: 'describe' },
  { name: 'topic', argument: 'required' },
  { name: 'topic-id', argument: 'required' },
  { name: 'config', argument: 'required' },
  { name: 'delete-config', argument: 'required' },
  { name: 'partitions', argument: 'required' },
  { name: 'replication-factor', argument: 'required' },
  { name: 'replica-assignment', argument: 'required' },
  { name: 'under-replicated-partitions' },
  { name: 'unavailable-partitions' },
  { name: 'under-min-isr-partitions' },
  { name: 'at-min-isr-partitions' },
  { name: 'topics-with-overrides' },
  { name: 'if-exists' },
  { name: 'if-not-exists' },
  { name: 'exclude-internal' },
  { name: 'partition-size-limit-per-response', argument: 'required' },
  { name: 'help' },
  { name: 'version' },
];

/** Every option name with its dashes, for tab completion. */
export const TOPIC_COMMAND_OPTION_NAMES: readonly string[] = SPECS.map((spec) => `--${spec.name}`).sort();

/** `--version`: print the version on stdout, exit 0. */
export class VersionRequest extends Error {
  constructor() {
    super('version');
    this.name = 'VersionRequest';
  }
}

/** A usage error that carries its own help message line (no args, --help). */
export class HelpRequest extends UsageError {}

const ACTIONS = ['create', 'list', 'alter', 'describe', 'delete'] as const;
export type TopicCommandAction = (typeof ACTIONS)[number];
/** `allTopicLevelOpts`: a Java HashSet, but only one action can be present when it is read. */
const TOPIC_LEVEL = ['alter', 'create', 'describe', 'list', 'delete'] as const;
const REPORT_OPTIONS = ['under-replicated-partitions', 'under-min-isr-partitions', 'at-min-isr-partitions', 'unavailable-partitions'] as const;

function allActionsExcept(...kept: string[]): string[] {
  return TOPIC_LEVEL.filter((name) => !kept.includes(name));
}

/** A value read from the options: its getter in TopicCommandOptions, for the stack trace when reading fails. */
interface Getter {
  name: string;
  line: number;
}

export class TopicCommandOptions {
  readonly #options: ParsedOptions;
  readonly action: TopicCommandAction;

  private constructor(options: ParsedOptions, action: TopicCommandAction) {
    this.#options = options;
    this.action = action;
  }

  /**
   * Parses and checks `args`; throws `UsageError`, `HelpRequest`, `VersionRequest` or `JavaException`.
   * `notices` gets the lines the checks print on stdout as they go (`--describe --if-exists` with both
   * --topic and --topic-id), printed even when a later check fails.
   */
  static parse(args: readonly string[], notices: string[] = []): TopicCommandOptions {
    let options: ParsedOptions;
    try {
      options = parseOptions(SPECS, args);
    } catch (error) {
      if (error instanceof OptionException) throw parseFailure(error);
      throw error;
    }
    if (args.length === 0) throw new HelpRequest(TOPIC_COMMAND_NO_ARGS_MESSAGE);
    if (options.has('help')) throw new HelpRequest(TOPIC_COMMAND_HELP_MESSAGE);
    if (options.has('version')) throw new VersionRequest();
    const actions = ACTIONS.filter((name) => options.has(name));
    if (actions.length !== 1) throw new UsageError('Command must include exactly one action: --list, --describe, --create, --alter or --delete');
    const parsed = new TopicCommandOptions(options, actions[0]);
    parsed.#checkRequiredArgs(notices);
    parsed.#checkInvalidArgs();
    return parsed;
  }

  has(name: string): boolean {
    return this.#options.has(name);
  }

  /** One string value (`valueAsOption`); `callerFrames` place a failure (the option given twice). */
  string(name: string, getter: Getter, callerFrames: readonly string[]): string | undefined {
    return this.#read(() => this.#options.valueOf(name), getter, callerFrames);
  }

  /** One Integer value; `Cannot parse argument 'abc' of option partitions` when it is not one. */
  integer(name: string, getter: Getter, callerFrames: readonly string[]): number | undefined {
    return this.#read(() => this.#options.intValueOf(name), getter, callerFrames);
  }

  /** Every value of a repeatable option (`--config`). */
  strings(name: string): string[] {
    return this.#options.valuesOf(name);
  }

  #read<T>(read: () => T, getter: Getter, callerFrames: readonly string[]): T {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof OptionException)) throw error;
      if (error.javaClass === 'joptsimple.OptionArgumentConversionException') {
        const argument = /^Cannot parse argument '(.*)' of option /s.exec(error.message)?.[1] ?? '';
        const frames = conversionFrames(getter, callerFrames);
        throw new JavaException(error.javaClass, error.message, frames, numberFormatCause(argument, frames));
      }
      throw new JavaException('joptsimple.MultipleArgumentsForOptionException', error.message, optionReadFrames(getter, callerFrames));
    }
  }

  #checkRequiredArgs(notices: string[]): void {
    const options = this.#options;
    if (!options.has('bootstrap-server')) {
      throw new JavaException('java.lang.IllegalArgumentException', '--bootstrap-server must be specified', MISSING_BOOTSTRAP_FRAMES);
    }
    if (options.has('describe') && options.has('if-exists')) {
      if (!options.has('topic') && !options.has('topic-id')) throw new UsageError('--topic or --topic-id is required to describe a topic');
      if (options.has('topic') && options.has('topic-id')) {
        notices.push('Only topic id will be used when both --topic and --topic-id are specified and topicId is not Uuid.ZERO_UUID');
      }
    }
    if (!options.has('list') && !options.has('describe')) checkRequiredArgs(options, 'topic');
    if (options.has('alter')) {
      // checkInvalidArgsSet: the set's order comes from a HashSet of option objects; this is one of the two.
      if (options.has('bootstrap-server') && options.has('config')) {
        throw new UsageError(
          'Option combination "[[bootstrap-server], [config]]" can\'t be used with option "[alter]" (the kafka-configs CLI supports altering topic configs with a --bootstrap-server option)',
        );
      }
      checkRequiredArgs(options, 'partitions');
    }
  }

  #checkInvalidArgs(): void {
    const options = this.#options;
    checkInvalidArgs(options, 'config', allActionsExcept('alter', 'create'));
    checkInvalidArgs(options, 'delete-config', [...allActionsExcept('alter'), 'bootstrap-server']);
    checkInvalidArgs(options, 'partitions', allActionsExcept('alter', 'create'));
    checkInvalidArgs(options, 'replication-factor', allActionsExcept('create'));
    checkInvalidArgs(options, 'replica-assignment', allActionsExcept('alter', 'create'));
    if (options.has('create')) checkInvalidArgs(options, 'replica-assignment', ['partitions', 'replication-factor']);
    for (const report of REPORT_OPTIONS) checkInvalidArgs(options, report, [...allActionsExcept('describe'), 'topics-with-overrides']);
    checkInvalidArgs(options, 'topics-with-overrides', [...allActionsExcept('describe'), ...REPORT_OPTIONS]);
    checkInvalidArgs(options, 'if-exists', allActionsExcept('alter', 'delete', 'describe'));
    checkInvalidArgs(options, 'if-not-exists', allActionsExcept('create'));
    checkInvalidArgs(options, 'exclude-internal', allActionsExcept('list', 'describe'));
  }
}

/** What `parser.parse(args)` throws, as the Java exception that reaches `mainNoExit`. */
function parseFailure(error: OptionException): JavaException {
  return new JavaException(error.javaClass, error.message, parseFailureFrames(error));
}

/**
 * The causes jopt chains under a failed Integer conversion: a ReflectionException wrapping the
 * NumberFormatException that `Integer.valueOf` threw through `Method.invoke` (Java 17 frames).
 */
function numberFormatCause(argument: string, conversion: readonly string[]): JavaException {
  const converter = [
    'joptsimple.internal.MethodInvokingValueConverter.convert(MethodInvokingValueConverter.java:48)',
    'joptsimple.internal.Reflection.convertWith(Reflection.java:124)',
    'joptsimple.AbstractOptionSpec.convertWith(AbstractOptionSpec.java:90)',
    ...conversion.slice(1),
  ];
  const numberFormat = new JavaException('java.lang.NumberFormatException', `For input string: "${argument}"`, [
    'java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)',
    'java.base/java.lang.Integer.parseInt(Integer.java:668)',
    'java.base/java.lang.Integer.valueOf(Integer.java:999)',
    'java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
    'java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)',
    'java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)',
    'java.base/java.lang.reflect.Method.invoke(Method.java:568)',
    'joptsimple.internal.Reflection.invoke(Reflection.java:116)',
    ...converter,
  ]);
  return new JavaException(
    'joptsimple.internal.ReflectionException',
    numberFormat.toString(),
    ['joptsimple.internal.Reflection.reflectionException(Reflection.java:137)', 'joptsimple.internal.Reflection.invoke(Reflection.java:118)', ...converter],
    numberFormat,
  );
}
