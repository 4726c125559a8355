/**
 * `kafka-console-producer` (Kafka 3.9 `kafka.tools.ConsoleProducer`): each line read from standard
 * input is a record. At a terminal `>` is printed (stdout, no newline) before every line is read;
 * piped input gets no prompt. End of input (Ctrl-D) sends what waits and exits 0. Ctrl-C ends the
 * JVM: no shutdown hook, so records still lingering are lost, exit 130. A record that fails is
 * logged by ErrorLoggingCallback; with `--sync` the failure ends the tool with a stack trace, exit 1.
 */
import type { Command, CommandContext } from '../../command.ts';
import { kafkaToolAliases } from '../../shell/command-registry.ts';
import { unlessInterrupted } from '../interruption.ts';
import { JavaException, thrownAt, type JavaThrowable } from '../kafka/java-exception.ts';
import { loadProps } from '../kafka/java-properties.ts';
import { CLASS_FOR_NAME_FRAMES, LOAD_PROPS_FRAMES, stackTraceText } from '../kafka/java-stack-trace.ts';
import { UsageError, usageText } from '../options/command-line-utils.ts';
import { OptionException } from '../options/option-parser.ts';
import { ConsoleKafkaProducer } from './console-kafka-producer.ts';
import type { OutgoingRecord } from './console-kafka-producer.ts';
import { errorLoggingCallbackText } from './error-logging-callback.ts';
import { CONSOLE_PRODUCER_HELP_TABLE, CONSOLE_PRODUCER_PURPOSE } from './help-table.ts';
import { LineMessageReader } from './line-message-reader.ts';
import { producerProps, producerSettings } from './producer-config.ts';
import type { ProducerSettings } from './producer-config.ts';
import { LINE_MESSAGE_READER_CLASS, PRODUCER_OPTION_SPECS, parseProducerCommand } from './producer-options.ts';
import type { ConsoleProducerOptions } from './producer-options.ts';
import { executionExceptionFrames } from './send-failure.ts';
import type { SendFailure } from './send-failure.ts';

const SIGINT_STATUS = 130;
const MAIN_FRAMES = ['kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:100)', 'kafka.tools.ConsoleProducer.main(ConsoleProducer.scala)'];

export const kafkaConsoleProducer: Command = {
  name: 'kafka-console-producer',
  aliases: kafkaToolAliases('kafka-console-producer'),
  summary: 'Read lines from standard input and publish them to a Kafka topic',
  completions: PRODUCER_OPTION_SPECS.map((spec) => `--${spec.name}`),
  run: runConsoleProducer,
};

/** Exit statuses of `main`, as thrown by the steps below. */
class Exit extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`exit ${status}`);
    this.status = status;
  }
}

async function runConsoleProducer(context: CommandContext): Promise<number> {
  const { stdout, stderr, env } = context;
  let options: ConsoleProducerOptions;
  try {
    const command = parseProducerCommand(context.argv.slice(1));
    if (command.kind === 'help') {
      await stderr.write(usageText(CONSOLE_PRODUCER_PURPOSE, CONSOLE_PRODUCER_HELP_TABLE));
      return 1;
    }
    if (command.kind === 'version') {
      await stdout.write(`${env.kafkaVersion}\n`);
      return 0;
    }
    options = command.options;
  } catch (error) {
    return reportStartupError(context, error);
  }

  let settings: ProducerSettings;
  try {
    settings = producerSettings(await producerProps(env, options));
  } catch (error) {
    return reportStartupError(context, error, ['kafka.tools.ConsoleProducer$.producerProps(ConsoleProducer.scala:134)', 'kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:99)', MAIN_FRAMES[1]]);
  }

  const producer = new ConsoleKafkaProducer(context, settings);
  try {
    const reader = await newReader(context, options);
    await loopReader(context, producer, reader, options);
    await closing(context, producer);
    return 0;
  } catch (error) {
    if (error instanceof Exit) return error.status;
    if (context.signal.aborted) {
      await producer.abort();
      return SIGINT_STATUS;
    }
    // `finally producer.close()`, then `e.printStackTrace()`.
    try {
      await closing(context, producer);
    } catch (closeError) {
      if (closeError instanceof Exit) return closeError.status;
      throw closeError;
    }
    return reportStartupError(context, error);
  }
}

/** `newReader(config.readerClass, getReaderProps(config))`. */
async function newReader(context: CommandContext, options: ConsoleProducerOptions): Promise<LineMessageReader> {
  const readerConfig = options.parsed.valueOf('reader-config');
  let props: Map<string, string>;
  try {
    props = readerConfig !== undefined ? await loadProps(context.env, readerConfig) : new Map<string, string>();
  } catch (error) {
    throw withFrames(error, [...LOAD_PROPS_FRAMES, 'kafka.tools.ConsoleProducer$.getReaderProps(ConsoleProducer.scala:124)', ...MAIN_FRAMES]);
  }
  props.set('topic', options.topic);
  for (const [key, value] of options.readerProperties) props.set(key, value);
  if (options.readerClass !== LINE_MESSAGE_READER_CLASS) {
    throw withFrames(new JavaException('java.lang.ClassNotFoundException', options.readerClass), [
      ...CLASS_FOR_NAME_FRAMES,
      'kafka.tools.ConsoleProducer$.newReader(ConsoleProducer.scala:43)',
      ...MAIN_FRAMES,
    ]);
  }
  return new LineMessageReader(props);
}

/** `loopReader`: prompt, read, parse, send, until end of input. */
async function loopReader(context: CommandContext, producer: ConsoleKafkaProducer, reader: LineMessageReader, options: ConsoleProducerOptions): Promise<void> {
  const { stdin, stdout, stderr, env, signal } = context;
  const encoder = new TextEncoder();
  let touched = false;
  for (;;) {
    reader.lineNumber++;
    if (stdin.isTerminal) await stdout.write('>');
    const line = await unlessInterrupted(stdin.readLine(), signal, null);
    if (signal.aborted) throw await interruptedExit(producer);
    if (line === null) return;
    const parsed = reader.parse(line);
    const record: OutgoingRecord = {
      topic: options.topic,
      key: parsed.key === null ? null : encoder.encode(parsed.key),
      value: parsed.value === null ? null : encoder.encode(parsed.value),
      headers: parsed.headers.map(([key, value]) => [key, value === null ? null : encoder.encode(value)]),
    };
    const sent = (failure: SendFailure | null) => {
      if (failure === null && !touched) {
        touched = true;
        context.touchedTopic(options.topic);
      }
    };
    if (options.sync) {
      const failure = await unlessInterrupted(new Promise<SendFailure | null>((resolve) => void producer.send(record, resolve)), signal, null);
      if (signal.aborted) throw await interruptedExit(producer);
      sent(failure ?? null);
      if (failure) {
        const execution = new JavaException('java.util.concurrent.ExecutionException', String(failure.exception));
        throw withFrames(execution, executionExceptionFrames(failure), failure.exception);
      }
    } else {
      await unlessInterrupted(
        producer.send(record, (failure) => {
          sent(failure);
          if (failure && !signal.aborted) void stderr.write(errorLoggingCallbackText(env, record.topic, record.key, record.value, failure.exception));
        }),
        signal,
        null,
      );
      if (signal.aborted) throw await interruptedExit(producer);
    }
  }
}

/** `producer.close()`: waits for every record; Ctrl-C meanwhile ends the JVM at once. */
async function closing(context: CommandContext, producer: ConsoleKafkaProducer): Promise<void> {
  await unlessInterrupted(producer.close(), context.signal, null);
  if (context.signal.aborted) throw await interruptedExit(producer);
}

async function interruptedExit(producer: ConsoleKafkaProducer): Promise<Exit> {
  await producer.abort();
  return new Exit(SIGINT_STATUS);
}

/** `error`, when a Java exception, with the frames `printStackTrace` shows for it (and its cause). */
function withFrames(error: unknown, frames: readonly string[], cause?: JavaThrowable): unknown {
  return error instanceof JavaException ? new JavaException(error.javaClass, error.message, frames, cause) : error;
}

/**
 * main's handlers: usage errors print the message and the help table; jopt's exception escaping the
 * parse prints its message only; any other exception prints its stack trace. Exit status 1.
 */
async function reportStartupError(context: CommandContext, error: unknown, fileFrames?: readonly string[]): Promise<number> {
  const { stderr } = context;
  if (error instanceof UsageError) await stderr.write(usageText(error.message, CONSOLE_PRODUCER_HELP_TABLE));
  else if (error instanceof OptionException) await stderr.write(`${error.message}\n`);
  // A Java exception with no frames of its own here is `Utils.loadProps`' (NoSuchFileException) when `fileFrames` are given.
  else if (error instanceof JavaException) await stderr.write(stackTraceText(fileFrames && error.frames.length === 0 ? thrownAt(error, [...LOAD_PROPS_FRAMES, ...fileFrames]) : error));
  else throw error;
  return 1;
}
