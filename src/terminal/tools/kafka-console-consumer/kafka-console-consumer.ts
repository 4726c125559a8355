/**
 * `kafka-console-consumer` (Kafka 3.9 `org.apache.kafka.tools.consumer.ConsoleConsumer`): records
 * to stdout as they arrive, each written (and its write awaited) before the next is taken, so a
 * paused terminal holds the consumer back. On every way out — `--max-messages` reached,
 * `--timeout-ms` without a record (an ERROR line with the bare TimeoutException), Ctrl-C (the
 * shutdown hook wakes the consumer: exit 130), nobody reading stdout any more — it prints
 * `Processed a total of N messages` on stderr.
 */
import type { Command, CommandContext } from '../../command.ts';
import { kafkaToolAliases } from '../../shell/command-registry.ts';
import { unlessInterrupted } from '../interruption.ts';
import { ConfigException } from '../kafka/config-exception.ts';
import { JavaException, thrownAt, type JavaThrowable } from '../kafka/java-exception.ts';
import { stackTraceText, uncaughtExceptionText } from '../kafka/java-stack-trace.ts';
import { log4jLine } from '../kafka/log4j.ts';
import { UsageError, usageText } from '../options/command-line-utils.ts';
import { OptionException } from '../options/option-parser.ts';
import { consumerSettings } from './consumer-config.ts';
import type { ConsumerSettings } from './consumer-config.ts';
import { CONSUMER_OPTION_SPECS, ConflictingOffsetReset, UncaughtException, parseConsumerCommand } from './consumer-options.ts';
import type { ConsoleConsumerOptions } from './consumer-options.ts';
import type { MessageFormatter } from './default-message-formatter.ts';
import { DeserializationError } from './deserializers.ts';
import { createFormatter } from './formatters.ts';
import { GroupRecordSource } from './group-record-source.ts';
import { CONSOLE_CONSUMER_HELP_TABLE, CONSOLE_CONSUMER_PURPOSE } from './help-table.ts';
import { PartitionRecordSource } from './partition-record-source.ts';
import { ClientFailure, ReceiveTimeout, Wakeup } from './record-handoff.ts';
import type { RecordSource } from './record-source.ts';

const CONSOLE_CONSUMER = 'org.apache.kafka.tools.consumer.ConsoleConsumer';
const SIGINT_STATUS = 130;
const RUN_FRAMES = [`${CONSOLE_CONSUMER}.run(ConsoleConsumer.java:77)`, `${CONSOLE_CONSUMER}.main(ConsoleConsumer.java:59)`];

export const kafkaConsoleConsumer: Command = {
  name: 'kafka-console-consumer',
  aliases: kafkaToolAliases('kafka-console-consumer'),
  summary: 'Read records from Kafka topics and print them on standard output',
  completions: CONSUMER_OPTION_SPECS.map((spec) => `--${spec.name}`),
  run: runConsoleConsumer,
};

async function runConsoleConsumer(context: CommandContext): Promise<number> {
  const { stdout, stderr, env } = context;
  let options: ConsoleConsumerOptions;
  try {
    const command = await parseConsumerCommand(env, context.argv.slice(1));
    if (command.kind === 'help') {
      await stderr.write(usageText(CONSOLE_CONSUMER_PURPOSE, CONSOLE_CONSUMER_HELP_TABLE));
      return 1;
    }
    if (command.kind === 'version') {
      await stdout.write(`${env.kafkaVersion}\n`);
      return 0;
    }
    options = command.options;
  } catch (error) {
    if (error instanceof UsageError) await stderr.write(usageText(error.message, CONSOLE_CONSUMER_HELP_TABLE));
    else if (error instanceof ConflictingOffsetReset) await stderr.write(`${error.message}\n`);
    else if (error instanceof UncaughtException) await stderr.write(uncaughtExceptionText(error.throwable));
    else throw error;
    return 1;
  }
  for (const warning of options.warnings) await stderr.write(warning);
  const formatter = createFormatter(options.formatter, options.formatterArgs, { env, error: (text) => void stderr.write(text) });
  return run(context, options, formatter);
}

/** `ConsoleConsumer.run` with main's handler around it. */
async function run(context: CommandContext, options: ConsoleConsumerOptions, formatter: MessageFormatter): Promise<number> {
  const { stderr, env } = context;
  const unknownError = async (throwable: JavaThrowable) => {
    await stderr.write(`${log4jLine(env, 'ERROR', 'Unknown error when running consumer: ', CONSOLE_CONSUMER)}${stackTraceText(throwable)}`);
    return 1;
  };
  let settings: ConsumerSettings;
  let source: RecordSource;
  try {
    settings = consumerSettings(options.consumerProps);
    source = openSource(context, options, settings);
  } catch (error) {
    if (error instanceof ConfigException || error instanceof PatternError) return unknownError(error);
    throw error;
  }
  let count = 0;
  let failure: unknown;
  try {
    const maxMessages = options.parsed.has('max-messages') ? (options.parsed.intValueOf('max-messages') as number) : -1;
    count = await processRecords(context, source, formatter, maxMessages, options);
  } catch (error) {
    failure = error;
    if (error instanceof ProcessFailure) count = error.count;
  } finally {
    await source.close();
    await stderr.write(`Processed a total of ${count} messages\n`);
  }
  if (failure instanceof ProcessFailure) failure = failure.error;
  if (failure instanceof DeserializationError) return unknownError(thrownAt(failure, [...failure.frames, `${CONSOLE_CONSUMER}.process(ConsoleConsumer.java:117)`, ...RUN_FRAMES], failure.cause));
  if (failure instanceof OptionException) {
    const frames = ['joptsimple.OptionSet.valueOf(OptionSet.java:172)', 'org.apache.kafka.tools.consumer.ConsoleConsumerOptions.maxMessages(ConsoleConsumerOptions.java:412)', ...RUN_FRAMES];
    return unknownError(thrownAt(failure, frames));
  }
  if (failure !== undefined) throw failure;
  return context.signal.aborted ? SIGINT_STATUS : 0;
}

/** `ConsumerWrapper`'s constructor: `assign` + `seek` for `--partition`, else `subscribe`. */
function openSource(context: CommandContext, options: ConsoleConsumerOptions, settings: ConsumerSettings): RecordSource {
  if (options.topic !== undefined && options.partition !== undefined) {
    const source = new PartitionRecordSource(context, settings, options.topic, options.partition);
    source.seek(options.offset);
    context.touchedTopic(options.topic);
    return source;
  }
  const source = new GroupRecordSource(context, settings);
  if (options.topic !== undefined) {
    source.subscribe([options.topic]);
    context.touchedTopic(options.topic);
  } else {
    source.subscribePattern(javaPattern(options.include as string), (topics) => topics.forEach((topic) => context.touchedTopic(topic)));
  }
  return source;
}

/** A failure that ends `process` after `count` records (the finally block still reports them). */
class ProcessFailure extends Error {
  readonly count: number;
  readonly error: unknown;
  constructor(count: number, error: unknown) {
    super('process failed');
    this.count = count;
    this.error = error;
  }
}

/** `ConsoleConsumer.process`: the number of records taken. */
async function processRecords(context: CommandContext, source: RecordSource, formatter: MessageFormatter, maxMessages: number, options: ConsoleConsumerOptions): Promise<number> {
  const { stdout, stderr, env, signal } = context;
  const logError = (message: string, exceptionText: string) => stderr.write(`${log4jLine(env, 'ERROR', message, CONSOLE_CONSUMER)}${exceptionText}`);
  let count = 0;
  while (count < maxMessages || maxMessages === -1) {
    let record;
    try {
      record = await source.receive(options.timeoutMs, signal);
    } catch (error) {
      if (error instanceof Wakeup) return count;
      if (error instanceof ReceiveTimeout) {
        // `new TimeoutException()`: no message, and Kafka's API exceptions have no stack frames.
        await logError('Error processing message, terminating consumer process: ', 'org.apache.kafka.common.errors.TimeoutException\n');
        return count;
      }
      if (error instanceof ClientFailure) {
        await logError('Error processing message, terminating consumer process: ', stackTraceText(error.exception));
        return count;
      }
      throw new ProcessFailure(count, error);
    }
    count += 1;
    try {
      // Waits for the write, but not past Ctrl-C (a paused screen must not hold the shutdown).
      await unlessInterrupted(stdout.write(formatter.format(record)), signal, undefined);
    } catch (error) {
      if (!(error instanceof DeserializationError)) throw error;
      if (!options.skipMessageOnError) throw new ProcessFailure(count, error);
      const frames = [...error.frames, `${CONSOLE_CONSUMER}.process(ConsoleConsumer.java:117)`, ...RUN_FRAMES];
      await logError('Error processing message, skipping this message: ', stackTraceText(thrownAt(error, frames, error.cause)));
    }
    if (stdout.closed) {
      // `checkErr`: nobody reads our output any more (`| head -3` is done).
      await stderr.write('Unable to write to standard out, closing consumer.\n');
      return count;
    }
  }
  return count;
}

/** `Pattern.compile(include)` failed: PatternSyntaxException. */
class PatternError extends JavaException {
  constructor(message: string, frames: readonly string[]) {
    super('java.util.regex.PatternSyntaxException', message, frames);
  }
}

/** A Java regular expression that must match a whole topic name (`Matcher#matches`). */
function javaPattern(include: string): RegExp {
  try {
    return new RegExp(`^(?:${include})$`);
  } catch (error) {
    // [inferred] the message: JavaScript's description of the error rather than Java's.
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/: /, '') : String(error);
    throw new PatternError(`${reason} near index ${include.length}\n${include}`, ['java.base/java.util.regex.Pattern.error(Pattern.java:2028)', 'java.base/java.util.regex.Pattern.compile(Pattern.java:1069)', `${CONSOLE_CONSUMER}$ConsumerWrapper.<init>(ConsoleConsumer.java:166)`, `${CONSOLE_CONSUMER}.run(ConsoleConsumer.java:72)`, `${CONSOLE_CONSUMER}.main(ConsoleConsumer.java:59)`]);
  }
}
