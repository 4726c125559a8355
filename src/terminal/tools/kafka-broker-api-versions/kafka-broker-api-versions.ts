/**
 * `kafka-broker-api-versions` (Kafka 3.9 `kafka.admin.BrokerApiVersionsCommand`): every live broker's
 * ApiVersions answer as the Java client reads it.
 *
 *   localhost:19092 (id: 1 rack: null) -> (
 *   	Produce(0): 0 to 7 [usable: 7],
 *   	...
 *   )
 *
 * What goes wrong escapes `main` as an uncaught Java exception (`Exception in thread "main" ...` on
 * stderr, exit 1): an unknown option (the tool parses outside any try), a missing `--command-config`
 * file, a bad bootstrap address, no bootstrap node answering. Missing `--bootstrap-server`, `--help`
 * and no arguments print the help table (exit 1).
 */
import type { Command, CommandContext } from '../../command.ts';
import { kafkaToolAliases } from '../../shell/command-registry.ts';
import { joptParseFrames } from '../options/jopt-frames.ts';
import { OptionException, parseOptions } from '../options/option-parser.ts';
import type { OptionSpec, ParsedOptions } from '../options/option-parser.ts';
import { checkRequiredArgs, UsageError, usageText } from '../options/command-line-utils.ts';
import { InterruptedError, interruptible } from '../interruption.ts';
import { JavaException, thrownAt, type JavaThrowable } from '../kafka/java-exception.ts';
import { loadProps } from '../kafka/java-properties.ts';
import { LOAD_PROPS_FRAMES, uncaughtExceptionText } from '../kafka/java-stack-trace.ts';
import { HELP_TABLE, USAGE_PURPOSE } from './help-table.ts';
import { AllBootstrapNodesFailedError, LegacyAdminClient, nodeText } from './legacy-admin-client.ts';
import { nodeApiVersionsText } from './node-api-versions.ts';
import { bootstrapList, CONFIG_EXCEPTION, parseBootstrapAddresses } from '../kafka/bootstrap-addresses.ts';
import { FRAMES } from './uncaught-frames.ts';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'help' },
  { name: 'version' },
  { name: 'command-config', argument: 'required' },
  { name: 'bootstrap-server', argument: 'required' },
];

const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
/** `awaitBrokers` polls again after this long when a Metadata answer lists no broker. */
const AWAIT_BROKERS_PAUSE_MS = 50;

/** The client id sequence starts at 1 in every JVM; each run of the tool is a new JVM. */
const CLIENT_ID = 'admin-1';


async function execute(context: CommandContext, options: ParsedOptions): Promise<number> {
  const { env, stdout, stderr, signal } = context;
  const properties = options.has('command-config') ? await loadProps(env, options.valueOf('command-config')!) : new Map<string, string>();
  const bootstrap = parseBootstrapAddresses(bootstrapList(options.valueOf('bootstrap-server')!));
  const timeout = Number(properties.get('request.timeout.ms'));
  const client = new LegacyAdminClient({
    env,
    stderr,
    bootstrap,
    requestTimeoutMs: Number.isInteger(timeout) && timeout > 0 ? timeout : DEFAULT_REQUEST_TIMEOUT_MS,
    clientId: CLIENT_ID,
  });
  try {
    // awaitBrokers(): until a Metadata answer lists a broker.
    while ((await interruptible(client.findAllBrokers(), signal)).length === 0) {
      await interruptible(new Promise((resolve) => setTimeout(resolve, AWAIT_BROKERS_PAUSE_MS)), signal);
    }
    // listAllBrokerVersionInfo(): a second Metadata request, then each broker in turn.
    for (const broker of await interruptible(client.findAllBrokers(), signal)) {
      const info = await interruptible(client.brokerVersionInfo(broker), signal);
      const text = info.ok ? nodeApiVersionsText(info.apiVersions) : `ERROR: ${info.error}`;
      await stdout.write(`${nodeText(broker)} -> ${text}\n`);
    }
  } finally {
    client.close();
  }
  return 0;
}

const MULTIPLE_ARGUMENTS = 'joptsimple.MultipleArgumentsForOptionException';
const CONFIG_EXCEPTION_LINES: Record<string, number> = { 'Invalid url': 74, 'Invalid port': 97, 'No resolvable': 104 };

/** The Java exception a failure of `execute` is, with the frames it would have. */
function uncaught(error: unknown): JavaThrowable {
  if (error instanceof AllBootstrapNodesFailedError) return { javaClass: 'java.lang.RuntimeException', message: error.message, frames: FRAMES.metadataFailed };
  if (error instanceof JavaException && error.javaClass === CONFIG_EXCEPTION) {
    const line = Object.entries(CONFIG_EXCEPTION_LINES).find(([start]) => error.message.startsWith(start))?.[1] ?? 74;
    return { javaClass: CONFIG_EXCEPTION, message: error.message, frames: FRAMES.bootstrapAddresses(line) };
  }
  // Reading --command-config: NoSuchFileException (or another IOException).
  if (error instanceof JavaException) return thrownAt(error, [...LOAD_PROPS_FRAMES, ...FRAMES.loadProps]);
  if (error instanceof OptionException) {
    const frames = error.message.includes('option command-config') ? FRAMES.commandConfigTwice : FRAMES.bootstrapServerTwice;
    return { javaClass: MULTIPLE_ARGUMENTS, message: error.message, frames };
  }
  throw error;
}

async function run(context: CommandContext): Promise<number> {
  const args = context.argv.slice(1);
  let options: ParsedOptions;
  try {
    options = parseOptions(OPTIONS, args);
  } catch (error) {
    if (!(error instanceof OptionException)) throw error;
    await context.stderr.write(uncaughtExceptionText(thrownAt(error, [...joptParseFrames(error), ...FRAMES.optionsInit])));
    return 1;
  }
  try {
    if (args.length === 0 || options.has('help')) throw new UsageError(USAGE_PURPOSE);
    if (options.has('version')) {
      await context.stdout.write(`${context.env.kafkaVersion}\n`);
      return 0;
    }
    checkRequiredArgs(options, 'bootstrap-server');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await context.stderr.write(usageText(error.message, HELP_TABLE));
    return 1;
  }
  try {
    return await execute(context, options);
  } catch (error) {
    // Ctrl-C: the JVM dies of SIGINT; this tool has no shutdown hook, so nothing more is printed.
    if (error instanceof InterruptedError || context.signal.aborted) return 130;
    await context.stderr.write(uncaughtExceptionText(uncaught(error)));
    return 1;
  }
}

export const kafkaBrokerApiVersions: Command = {
  name: 'kafka-broker-api-versions',
  aliases: kafkaToolAliases('kafka-broker-api-versions'),
  summary: "Print every broker's supported API versions",
  completions: OPTIONS.map((option) => `--${option.name}`),
  run,
};
