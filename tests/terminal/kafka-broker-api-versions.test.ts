/**
 * kafka-broker-api-versions against the embedded cluster: every live broker's real ApiVersions answer
 * in NodeApiVersions' layout, and Kafka 3.9's failures (usage errors, uncaught exceptions, the WARN line
 * of a dead bootstrap server).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { deadPort } from '../../src/terminal/testing/dead-port.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { usageFailure } from '../../src/terminal/testing/usage-failure.ts';
import { kafkaBrokerApiVersions } from '../../src/terminal/tools/kafka-broker-api-versions/kafka-broker-api-versions.ts';
import { HELP_TABLE, HELP_TABLE_LINES } from '../../src/terminal/tools/kafka-broker-api-versions/help-table.ts';
import { nodeApiVersionsText } from '../../src/terminal/tools/kafka-broker-api-versions/node-api-versions.ts';
import { suiteCluster } from './support/suite-cluster.ts';

const NOW = Date.UTC(2024, 10, 11, 2, 46, 50, 786);
const env = (options: Parameters<typeof testToolEnvironment>[0] = {}) => testToolEnvironment({ now: NOW, ...options });
const run = (args: string[], options: Parameters<typeof testToolEnvironment>[0] = {}) => runCommand(kafkaBrokerApiVersions, args, { env: env(options) });


/** The stdout blocks, one per broker (`host:port (id: N rack: R) -> ...` up to the next such line), keyed by the header. */
function blocks(stdout: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const block of stdout.split(/(?=^\S+:\d+ \(id: -?\d+ rack: [^)]*\) -> )/m).filter(Boolean)) {
    result.set(block.slice(0, block.indexOf(' -> ')), block);
  }
  return result;
}

describe('kafka-broker-api-versions (usage)', () => {
  it('prints its purpose and help table on stderr for no arguments and --help (exit 1)', async () => {
    for (const args of [[], ['--help']]) {
      expect(await run(args)).toEqual(usageFailure('This tool helps to retrieve broker version information.', HELP_TABLE));
    }
  });

  it('keeps the help table byte-exact: every line padded to 76 columns', () => {
    expect(HELP_TABLE_LINES).toHaveLength(8);
    for (const line of HELP_TABLE_LINES) expect(line).toHaveLength(76);
  });

  it('prints the version with --version', async () => {
    expect(await run(['--version'])).toMatchObject({ exitCode: 0, stdout: '3.9.0\n', stderr: '' });
  });

  it('requires --bootstrap-server', async () => {
    expect(await run(['--command-config', 'x'])).toEqual(usageFailure('Missing required argument "[bootstrap-server]"', HELP_TABLE));
  });

  it('lets an unknown option escape main as an uncaught jopt exception', async () => {
    const result = await run(['--bootstrap-server', 'localhost:9092', '--foo']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'Exception in thread "main" joptsimple.UnrecognizedOptionException: foo is not a recognized option\n' +
        '\tat joptsimple.OptionException.unrecognizedOption(OptionException.java:108)\n' +
        '\tat joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)\n' +
        '\tat joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)\n' +
        '\tat joptsimple.OptionParser.parse(OptionParser.java:396)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand$BrokerVersionCommandOptions.<init>(BrokerApiVersionsCommand.scala:93)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand$.execute(BrokerApiVersionsCommand.scala:59)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand$.main(BrokerApiVersionsCommand.scala:55)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand.main(BrokerApiVersionsCommand.scala)\n',
    );
    const short = await run(['-x']);
    expect(short.stderr.split('\n').slice(0, 3)).toEqual([
      'Exception in thread "main" joptsimple.UnrecognizedOptionException: x is not a recognized option',
      '\tat joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
      '\tat joptsimple.OptionParser.validateOptionCharacters(OptionParser.java:633)',
    ]);
  });

  it('fails on a --command-config file the lab shell does not have', async () => {
    const result = await run(['--bootstrap-server', 'localhost:9092', '--command-config', 'client.properties']);
    expect(result.exitCode).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('Exception in thread "main" java.nio.file.NoSuchFileException: client.properties');
    expect(lines).toContain('\tat kafka.admin.BrokerApiVersionsCommand$.createAdminClient(BrokerApiVersionsCommand.scala:74)');
  });

  it('rejects a bootstrap address that is no host:port', async () => {
    const result = await run(['--bootstrap-server', 'localhost']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('Exception in thread "main" org.apache.kafka.common.config.ConfigException: Invalid url in bootstrap.servers: localhost');
  });

  it('dies with "Request METADATA failed" after the WARN line when no bootstrap server answers', async () => {
    const port = await deadPort();
    const result = await run(['--bootstrap-server', `localhost:${port}`]);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toBe(
      `[2024-11-11 02:46:50,786] WARN [LegacyAdminClient clientId=admin-1] Connection to node -1 (localhost/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)\n` +
        `Exception in thread "main" java.lang.RuntimeException: Request METADATA failed on brokers List(localhost:${port} (id: -1 rack: null))\n` +
        '\tat kafka.admin.BrokerApiVersionsCommand$AdminClient.sendAnyNode(BrokerApiVersionsCommand.scala:156)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand$AdminClient.findAllBrokers(BrokerApiVersionsCommand.scala:179)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand$AdminClient.awaitBrokers(BrokerApiVersionsCommand.scala:171)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand$.execute(BrokerApiVersionsCommand.scala:61)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand$.main(BrokerApiVersionsCommand.scala:55)\n' +
        '\tat kafka.admin.BrokerApiVersionsCommand.main(BrokerApiVersionsCommand.scala)\n',
    );
  });
});

describe('kafka-broker-api-versions (a server that accepts and never answers)', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gives up after request.timeout.ms without a WARN line (the connection itself worked)', async () => {
    const started = Date.now();
    const result = await run(['--bootstrap-server', `127.0.0.1:${port}`, '--command-config', 'c.properties'], { files: { 'c.properties': 'request.timeout.ms=300\n' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr.split('\n')[0]).toBe(`Exception in thread "main" java.lang.RuntimeException: Request METADATA failed on brokers List(127.0.0.1:${port} (id: -1 rack: null))`);
  });

  it('ends at Ctrl-C (exit 130, nothing printed)', async () => {
    const controller = new AbortController();
    const running = runCommand(kafkaBrokerApiVersions, ['--bootstrap-server', `127.0.0.1:${port}`], { env: env(), signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    expect(await running).toMatchObject({ exitCode: 130, stdout: '', stderr: '' });
  });
});

describe('kafka-broker-api-versions (against the embedded cluster)', () => {
  const cluster = suiteCluster();

  it("prints every broker's own ApiVersions answer, one block each", async () => {
    const result = await run(['--bootstrap-server', cluster().bootstrap.join(',')]);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    const printed = blocks(result.stdout);
    const expected = new Map(
      cluster().ids.map((id) => {
        const broker = cluster().broker(id);
        const header = `${broker.advertisedHost}:${broker.port} (id: ${id} rack: null)`;
        return [header, `${header} -> ${nodeApiVersionsText(broker.services.apis.advertisedVersions())}\n`];
      }),
    );
    expect(printed).toEqual(expected);
    const first = [...printed.values()][0];
    expect(first).toContain('\n\tProduce(0): 0 to 7 [usable: 7],\n');
    expect(first).toContain('\n\tApiVersions(18): 0 to 2 [usable: 2],\n');
    expect(first).toContain('\n\tDescribeCluster(60): UNSUPPORTED,\n');
    expect(first.endsWith('\tReadShareGroupStateSummary(87): UNSUPPORTED\n)\n')).toBe(true);
  });

  it('finds the brokers from any one reachable bootstrap server, after a WARN for the dead one', async () => {
    const port = await deadPort();
    // With a dead first bootstrap server; Java shuffles the bootstrap list, so it may or may not be tried.
    const result = await run(['--bootstrap-server', `127.0.0.1:${port},${cluster().bootstrap[1]}`]);
    expect(result.exitCode).toBe(0);
    expect(blocks(result.stdout).size).toBe(3);
    const warn = `[2024-11-11 02:46:50,786] WARN [LegacyAdminClient clientId=admin-1] Connection to node -1 (/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)\n`;
    expect(['', warn]).toContain(result.stderr);
  });

  it('prints ERROR for a broker still listed but no longer reachable (killed, its session not yet expired)', async () => {
    const victim = cluster().ids[2];
    const broker = cluster().broker(victim);
    await cluster().kill(victim);
    const result = await run(['--bootstrap-server', cluster().bootstrap[0]]);
    expect(result.exitCode).toBe(0);
    const header = `${broker.advertisedHost}:${broker.port} (id: ${victim} rack: null)`;
    expect(blocks(result.stdout).get(header)).toBe(`${header} -> ERROR: org.apache.kafka.common.errors.DisconnectException\n`);
    expect(result.stderr).toContain(`WARN [LegacyAdminClient clientId=admin-1] Connection to node ${victim} (`);
  });
});
