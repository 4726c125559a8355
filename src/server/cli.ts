import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrokerPropertyError, parseBrokerProperties } from '../cluster/broker-config-properties.ts';
import { courseBrokerConfig } from '../cluster/course-broker-config.ts';
import { resolveBrokerConfig } from '../cluster/kafka/broker-config.ts';
import type { BrokerConfig } from '../cluster/kafka/broker-config.ts';
import { buildApp } from './app.ts';
import { ApiError } from './http-error.ts';
import { dataDir } from './labs/data-dir.ts';
import { LabEngine } from './labs/lab-engine.ts';
import { ProgressStore } from './labs/progress-store.ts';
import { checkListenAddress } from './listen-address.ts';
import { quietHarmlessWarnings } from './process-warnings.ts';
import { AllowedHosts } from './security/allowed-hosts.ts';
import { createEmbeddedRuntime } from './runtime/embedded-runtime.ts';
import { createServerRuntime, parseRuntimeKind, printPulls, runtimeTitle } from './runtime/server-runtime.ts';
import { buildSite, siteIsStale } from './site-build.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const usage = `kafkalab ${version}: an interactive Apache Kafka course with runnable labs

Usage:
  kafkalab start [--port 4321] [--host 127.0.0.1] [--allow-remote] [--allowed-host NAME]... [--no-build] [--no-cluster]
                 [--runtime docker|embedded] [--without akhq]...
      Serves the course and its API at http://127.0.0.1:4321 (builds the site when needed) and
      brings the cluster up (skip with --no-cluster): the Docker stack of docker-compose.yml when a
      Docker-compatible engine answers and its images are present, else the embedded teaching
      cluster. --runtime (or KAFKALAB_RUNTIME) forces one; missing images are pulled with a
      progress bar. --without leaves a service out (AKHQ). The page switches between the two
      when both are available; \`kafkalab doctor\` says which start will use and why.
      PORT and HOST environment variables work too. The server answers only to localhost,
      127.0.0.1, ::1 and the address it is bound to; --allowed-host adds a name (a workshop
      server's DNS name), and may be repeated.
      Lab progress is kept in KAFKALAB_DATA_DIR, by default the user's data directory
      (~/.local/share/kafkalab on Linux, ~/Library/Application Support/kafkalab on macOS,
      %APPDATA%\\kafkalab on Windows).
  kafkalab cluster [--zookeeper-ports 12181,22181,32181] [--kafka-ports 19092,29092,39092] [--broker-ids 1,2,3]
                   [--data-dir DIR] [--broker-config key=value ...]
      Runs the embedded cluster in the foreground (by default ZooKeeper on 12181/22181/32181, Kafka
      on 19092/29092/39092, broker ids 1..3) and prints how to connect. Ctrl-C stops it.
      With --data-dir, ZooKeeper's tree and the brokers' logs are kept there across runs.
      --broker-config (repeatable) sets a broker property as server.properties would, over the
      course defaults (RF 3, min ISR 2), e.g. --broker-config min.insync.replicas=1
      --broker-config default.replication.factor=1 --broker-config replica.lag.time.max.ms=5000.
  kafkalab build
      Builds the course site into dist/ (start does this by itself when the site is stale).
  kafkalab kafka-topics|kafka-console-producer|kafka-console-consumer|zookeeper-shell|... [ARGS]
      Runs one of the course's Kafka tools in this terminal, as Kafka 3.9 / Confluent 7.9 ship it
      (with or without .sh), against any cluster: kafkalab kafka-topics --bootstrap-server localhost:19092 --list
  kafkalab tools [--shell bash|zsh|fish]
      Lists the tools and shows how to type them by their real names in your shell:
      eval "$(npx kafkalab tools --shell bash)"
  kafkalab doctor [--json] [--without akhq] [--runtime docker|embedded]
      Which Docker-compatible engine answered (name, version, endpoint) or what was tried, free
      memory, which images the Docker stack needs and has, and which runtime start will use.
  kafkalab images list|pull|build|save FILE|load FILE
      The Docker stack's images: pull them (with progress), build kafkalab's own (Debian's
      ZooKeeper 3.8, and the kafkalab node image), or carry them to a machine without internet.
  kafkalab node [zookeeper|broker]
      One node of the embedded cluster in the foreground, configured by the environment variables
      of Confluent's images (the kafkalab container image runs this). kafkalab node --help.
  kafkalab help
`;

function fail(message: string, hint?: string): never {
  console.error(`kafkalab: ${message}`);
  if (hint) console.error(`  ${hint}`);
  process.exit(1);
}

function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => fail(`error while stopping: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'no-cluster': { type: 'boolean', default: false },
      'allowed-host': { type: 'string', multiple: true, default: [] },
      runtime: { type: 'string' },
      without: { type: 'string', multiple: true, default: [] },
    },
  });
  const forced = parseRuntimeKind(values.runtime, '--runtime') ?? parseRuntimeKind(process.env.KAFKALAB_RUNTIME, 'KAFKALAB_RUNTIME');
  const without = values.without.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean);
  const host = values.host || process.env.HOST || '127.0.0.1';
  const portText = values.port || process.env.PORT || '4321';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port "${portText}"`, 'Use a number from 0 to 65535.');
  checkListenAddress(host, values['allow-remote']);

  if (!values['no-build'] && siteIsStale(root)) await buildSite(root, (line) => console.log(line));
  const { runtime, choice, engine } = await createServerRuntime({ forced, without, log: (line) => console.log(`  docker: ${line}`), switchLog: (line) => console.log(line) });
  console.log(`Runtime: ${choice.kind} (${choice.reason})`);
  if (engine) console.log(`Container engine: ${engine.name} ${engine.version} at ${engine.endpoint} (${engine.source})`);
  printPulls(runtime, process.stdout, (line) => console.warn(line));
  const store = ProgressStore.open(dataDir());
  console.log(`Lab progress is kept in ${store.path}`);
  const labs = new LabEngine({ runtime, store });
  const allowedHosts = AllowedHosts.forBinding(host, values['allowed-host']);
  const app = await buildApp({ runtime, siteDir: join(root, 'dist'), version, allowedHosts, labs });
  const address = await app.listen({ host, port });
  const url = address.replace('[::1]', 'localhost');
  console.log(`kafkalab is serving the course at ${url}`);
  console.log('Its Kafka tools also run in your own terminal: npx kafkalab tools');
  // The graders' kafkajs clients can leave a rejected promise behind when a broker vanishes mid-request
  // (kafkajs 2.2.4); one stray rejection must not take the learner's course server down with it.
  process.on('unhandledRejection', (reason) => {
    console.warn(`kafkalab: ignored an unhandled rejection from a client library: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
  });
  onShutdown(async () => {
    await app.close();
    await labs.close();
    store.close();
    await runtime[Symbol.asyncDispose]();
  });
  if (!values['no-cluster']) {
    runtime.up().then(
      (status) => {
        console.log(`${runtimeTitle(status)} up. ZooKeeper: ${status.connections.zookeeper}  Kafka: ${status.connections.bootstrapServers}`);
        for (const service of status.services ?? []) console.log(`${service.name}: ${service.url}`);
      },
      (error: unknown) => {
        console.warn(`kafkalab: the ${runtime.kind === 'embedded' ? 'embedded cluster' : 'Docker stack'} did not start: ${error instanceof Error ? error.message : String(error)}`);
        if (error instanceof ApiError && error.hint) console.warn(`  ${error.hint}`);
        console.warn('  The course still works; bring the cluster up later with POST /api/cluster/up.');
      },
    );
  }
}

/** Parses `--option 1,2,3`: comma-separated integers from 0 to `max`. */
function numberList(text: string | undefined, option: string, max: number, example: string): number[] | undefined {
  if (text === undefined) return undefined;
  const numbers = text.split(',').map((part) => Number(part.trim()));
  if (numbers.some((n) => !Number.isInteger(n) || n < 0 || n > max)) {
    fail(`invalid --${option} "${text}"`, `Give comma-separated numbers from 0 to ${max}, e.g. ${example}.`);
  }
  return numbers;
}

const portList = (text: string | undefined, option: string, example: string) => numberList(text, option, 65535, `${example} (0 picks a free port)`);

/** `--broker-config key=value` lines as broker settings; fails naming the bad key (or the settings that clash). */
function brokerSettings(lines: string[]): Partial<BrokerConfig> {
  try {
    const settings = parseBrokerProperties(lines);
    resolveBrokerConfig({ ...courseBrokerConfig, ...settings });
    return settings;
  } catch (error) {
    if (error instanceof BrokerPropertyError) fail(`invalid --broker-config: ${error.message}`, error.hint);
    if (error instanceof RangeError) fail(`invalid --broker-config: ${error.message}`, 'Change the value(s) given with --broker-config.');
    throw error;
  }
}

async function cluster(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'zookeeper-ports': { type: 'string' },
      'kafka-ports': { type: 'string' },
      'broker-ids': { type: 'string' },
      'data-dir': { type: 'string' },
      'broker-config': { type: 'string', multiple: true },
    },
  });
  const brokerConfig = brokerSettings(values['broker-config'] ?? []);
  const brokerIds = numberList(values['broker-ids'], 'broker-ids', 65535, '101,102,103');
  const kafkaPorts = portList(values['kafka-ports'], 'kafka-ports', '19092,29092,39092') ?? (brokerIds ? brokerIds.map(() => 0) : undefined);
  if (brokerIds && kafkaPorts && brokerIds.length !== kafkaPorts.length) fail('--broker-ids and --kafka-ports must list as many values');
  const runtime = createEmbeddedRuntime({
    zookeeperPorts: portList(values['zookeeper-ports'], 'zookeeper-ports', '12181,22181,32181'),
    kafkaPorts,
    brokerIds,
    dataDir: values['data-dir'],
    brokerConfig,
    log: (line) => console.log(line),
  });
  onShutdown(() => runtime[Symbol.asyncDispose]());
  const status = await runtime.up();
  console.log('');
  console.log(`ZooKeeper connect string: ${status.connections.zookeeper}`);
  console.log(`Kafka bootstrap servers:  ${status.connections.bootstrapServers || '(no brokers)'}`);
  for (const node of status.nodes) {
    console.log(`  ${node.name.padEnd(12)} ${node.host}:${node.port}  ${node.mode ?? (node.controller ? 'controller' : node.state)}`);
  }
  console.log('\nPress Ctrl-C to stop.');
}

/** `kafkalab kafka-topics ...`: the tool with this process's stdio; exits with its status. */
async function tool(name: string, args: string[]): Promise<boolean> {
  const { findHostTool } = await import('./tools-cli/host-tools.ts');
  const command = findHostTool(name);
  if (!command) return false;
  const { runHostTool } = await import('./tools-cli/run-host-tool.ts');
  const code = await runHostTool(command, name, args);
  // The tool's clients may leave sockets or timers behind (a dead bootstrap server): exit once the output is out.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

async function tools(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { shell: { type: 'string' } } });
  const { hostToolNames } = await import('./tools-cli/host-tools.ts');
  const { isSetupShell, setupInstructions, shellFunctions, SETUP_SHELLS } = await import('./tools-cli/shell-setup.ts');
  const names = hostToolNames();
  if (values.shell === undefined) {
    process.stdout.write(setupInstructions(names));
    return;
  }
  if (!isSetupShell(values.shell)) fail(`unknown shell "${values.shell}"`, `Use --shell ${SETUP_SHELLS.join(', --shell ')}.`);
  process.stdout.write(shellFunctions(values.shell, { node: process.execPath, entry: join(root, 'bin', 'kafkalab.js'), names }));
}

/**
 * The commands that live in their own modules, loaded on first use (`kafkalab node broker` in a container
 * loads neither the web server nor the site builder). Each module exports `run(args)`.
 */
const moduleCommands: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  node: () => import('./node/node-command.ts'),
  doctor: () => import('./doctor/doctor-command.ts'),
  images: () => import('./images/images-command.ts'),
};

const commands: Record<string, (args: string[]) => Promise<void>> = {
  start,
  cluster,
  build: () => buildSite(root, (line) => console.log(line)),
  tools,
  help: async () => console.log(usage),
  '--help': async () => console.log(usage),
  '-h': async () => console.log(usage),
};

export async function main(argv: string[]): Promise<void> {
  const [command = 'help', ...rest] = argv;
  quietHarmlessWarnings();
  try {
    const loadModule = Object.hasOwn(moduleCommands, command) ? moduleCommands[command] : undefined;
    if (!loadModule && (await tool(command, rest))) return;
    const run = Object.hasOwn(commands, command) ? commands[command] : loadModule ? async (args: string[]) => (await loadModule()).run(args) : undefined;
    if (!run) fail(`unknown command "${command}"`, 'Run `kafkalab help` for the commands.');
    await run(rest);
  } catch (error) {
    if (error instanceof ApiError) fail(error.message, error.hint);
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') fail((error as Error).message, 'Another program uses that port: stop it, or pick another with --port / PORT.');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') fail((error as Error).message, 'Run `kafkalab help` for the options.');
    throw error;
  }
}
