/**
 * kafka-get-offsets' options (Kafka 3.9's `GetOffsetShell.GetOffsetShellOptions`). Unlike most tools it
 * catches jopt's errors: they print as `Error occurred: <message>` (a `TerseException`), and so does the
 * missing `--bootstrap-server` (jopt's `requiredUnless("broker-list")`, checked in the parse).
 */
import { OptionException, parseOptions, type OptionSpec, type ParsedOptions } from '../options/option-parser.ts';

export const GET_OFFSETS_OPTIONS: readonly OptionSpec[] = [
  { name: 'broker-list', argument: 'required' },
  { name: 'bootstrap-server', argument: 'required' },
  { name: 'topic-partitions', argument: 'required' },
  { name: 'topic', argument: 'required' },
  { name: 'partitions', argument: 'required' },
  { name: 'time', argument: 'required' },
  { name: 'command-config', argument: 'required' },
  { name: 'exclude-internal-topics' },
  { name: 'help' },
  { name: 'version' },
];

/** An error the tool prints as `Error occurred: <message>` alone, exit 1 (Kafka's `TerseException`). */
export class TerseException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerseException';
  }
}

/** jopt's parse, with `requiredUnless` (skipped when `--help` or `--version` is there, as jopt skips it). */
export function parseGetOffsetsOptions(args: readonly string[]): ParsedOptions {
  try {
    const options = parseOptions(GET_OFFSETS_OPTIONS, args);
    if (!options.has('help') && !options.has('version') && !options.has('bootstrap-server') && !options.has('broker-list')) {
      throw new OptionException('joptsimple.MissingRequiredOptionsException', 'Missing required option(s) [bootstrap-server]');
    }
    return options;
  } catch (error) {
    if (error instanceof OptionException) throw new TerseException(error.message);
    throw error;
  }
}

/** `ToolsUtils.validateBootstrapServer`: every comma-separated entry is `host:port` (`Utils.getPort` finds a port). */
export function bootstrapServerProblem(hostPort: string | undefined): string | undefined {
  if (hostPort === undefined || hostPort.trim() === '') return 'Error while validating the bootstrap address\n';
  const entries = hostPort.split(',');
  while (entries.length > 1 && entries[entries.length - 1] === '') entries.pop();
  const valid = entries.filter((entry) => /^.*?\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)$/s.test(entry));
  if (valid.length === 0 || valid.length !== entries.length) return 'Please provide valid host:port like host1:9091,host2:9092\n';
  return undefined;
}
