/**
 * ConsoleProducer's command line (Kafka 3.9 `ConsoleProducer.ProducerConfig`), checked in the
 * tool's order: jopt's parse (an unknown option, a missing value, and `--bootstrap-server`, which is
 * `requiredUnless("broker-list")`) → usage; `--help` → usage; `--version`; `--topic` required;
 * `validatePortOrDie`. Reading a value twice or a bad number is jopt's exception escaping to main,
 * which prints the message alone (no help table).
 */
import { UsageError, checkRequiredArgs } from '../options/command-line-utils.ts';
import { OptionException, parseOptions } from '../options/option-parser.ts';
import type { OptionSpec, ParsedOptions } from '../options/option-parser.ts';
import { parseKeyValueArgs } from '../kafka/java-properties.ts';

export const PRODUCER_OPTION_SPECS: readonly OptionSpec[] = [
  { name: 'batch-size', argument: 'required' },
  { name: 'bootstrap-server', argument: 'required' },
  { name: 'broker-list', argument: 'required' },
  { name: 'compression-codec', argument: 'optional' },
  { name: 'help' },
  { name: 'line-reader', argument: 'required' },
  { name: 'max-block-ms', argument: 'required' },
  { name: 'max-memory-bytes', argument: 'required' },
  { name: 'max-partition-memory-bytes', argument: 'required' },
  { name: 'message-send-max-retries', argument: 'required' },
  { name: 'metadata-expiry-ms', argument: 'required' },
  { name: 'producer-property', argument: 'required' },
  { name: 'producer.config', argument: 'required' },
  { name: 'property', argument: 'required' },
  { name: 'reader-config', argument: 'required' },
  { name: 'request-required-acks', argument: 'required' },
  { name: 'request-timeout-ms', argument: 'required' },
  { name: 'retry-backoff-ms', argument: 'required' },
  { name: 'socket-buffer-size', argument: 'required' },
  { name: 'sync' },
  { name: 'timeout', argument: 'required' },
  { name: 'topic', argument: 'required' },
  { name: 'version' },
];

/** The class `--line-reader` defaults to; any other class is not on our class path. */
export const LINE_MESSAGE_READER_CLASS = 'kafka.tools.ConsoleProducer$LineMessageReader';

export type ParsedProducerCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; options: ConsoleProducerOptions };

export interface ConsoleProducerOptions {
  readonly parsed: ParsedOptions;
  readonly topic: string;
  /** `--bootstrap-server`, else `--broker-list`. */
  readonly bootstrapServer: string;
  readonly sync: boolean;
  /** `compression.type`: `none` unless `--compression-codec` (bare: `gzip`). */
  readonly compressionCodec: string;
  readonly readerClass: string;
  /** `--property` pairs (`parseKeyValueArgs`). */
  readonly readerProperties: Map<string, string>;
  /** `--producer-property` pairs. */
  readonly producerProperties: Map<string, string>;
}

/**
 * Throws `UsageError` (message + help, exit 1) or `OptionException` after the parse (message only,
 * exit 1), as the real tool does.
 */
export function parseProducerCommand(args: readonly string[]): ParsedProducerCommand {
  let parsed: ParsedOptions;
  try {
    parsed = parseOptions(PRODUCER_OPTION_SPECS, args);
    // jopt skips required-option checks when a `forHelp` option (--help, --version) is present.
    if (!parsed.has('help') && !parsed.has('version') && !parsed.has('bootstrap-server') && !parsed.has('broker-list')) {
      throw new OptionException('joptsimple.MissingRequiredOptionsException', 'Missing required option(s) [bootstrap-server]');
    }
  } catch (error) {
    if (error instanceof OptionException) throw new UsageError(error.message);
    throw error;
  }
  if (args.length === 0 || parsed.has('help')) return { kind: 'help' };
  if (parsed.has('version')) return { kind: 'version' };
  checkRequiredArgs(parsed, 'topic');

  const topic = parsed.valueOf('topic') as string;
  const bootstrapServer = parsed.valueOf('bootstrap-server');
  const brokerList = parsed.valueOf('broker-list');
  const hostPorts = (parsed.has('bootstrap-server') ? bootstrapServer : brokerList) ?? '';
  validatePortOrDie(hostPorts);

  const codec = parsed.valueOf('compression-codec');
  const compressionCodec = parsed.has('compression-codec') ? (codec === undefined || codec === '' ? 'gzip' : codec) : 'none';
  return {
    kind: 'run',
    options: {
      parsed,
      topic,
      bootstrapServer: hostPorts,
      sync: parsed.has('sync'),
      compressionCodec,
      readerClass: parsed.valueOf('line-reader') ?? LINE_MESSAGE_READER_CLASS,
      readerProperties: parseKeyValueArgs(parsed.valuesOf('property')),
      producerProperties: parseKeyValueArgs(parsed.valuesOf('producer-property')),
    },
  };
}

/** Kafka's `Utils.getPort` pattern: whatever host, then `:digits`. */
const HOST_PORT = /^.*?\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)$/s;

/** `ToolsUtils.validatePortOrDie`: every comma-separated entry must end in `:port`. */
function validatePortOrDie(hostPort: string): void {
  // Java's String#split drops trailing empty strings.
  const entries = hostPort.includes(',') ? hostPort.split(',') : [hostPort];
  while (entries.length > 0 && entries[entries.length - 1] === '' && hostPort.includes(',')) entries.pop();
  const valid = entries.length > 0 && entries.every((entry) => HOST_PORT.test(entry));
  if (!valid) throw new UsageError('Please provide valid host:port like host1:9091,host2:9092\n ');
}
