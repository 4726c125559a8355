/**
 * kafka-configs against the embedded cluster (describe and alter topic configs, broker configs, the
 * entity types the cluster does not serve) and Kafka 3.9's failures: usage errors, message-only errors,
 * `Error while executing config command ...` with its stack trace, the WARN line of a dead bootstrap
 * server, Ctrl-C.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import kafkajs from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { deadPort } from '../../src/terminal/testing/dead-port.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { usageFailure } from '../../src/terminal/testing/usage-failure.ts';
import { HELP_TABLE } from '../../src/terminal/tools/kafka-configs/help-table.ts';
import { kafkaConfigs } from '../../src/terminal/tools/kafka-configs/kafka-configs.ts';
import { suiteCluster } from './support/suite-cluster.ts';

const NOW = Date.UTC(2024, 10, 11, 2, 46, 50, 786);
type EnvOptions = Parameters<typeof testToolEnvironment>[0];
const run = (args: string[], options: EnvOptions & { signal?: AbortSignal } = {}) =>
  runCommand(kafkaConfigs, args, { env: testToolEnvironment({ now: NOW, ...options }), signal: options.signal });


const errorHeader = (args: string[]) => `Error while executing config command with args '${args.join(' ')}'`;

describe('kafka-configs (no cluster needed)', () => {
  it('prints its purpose and help table on stderr for no arguments and --help (exit 1)', async () => {
    for (const args of [[], ['--help']]) {
      expect(await run(args)).toEqual(
        usageFailure('This tool helps to manipulate and describe entity config for a topic, client, user, broker, ip or client-metrics', HELP_TABLE),
      );
    }
  });

  it('prints the version', async () => {
    expect(await run(['--version'])).toMatchObject({ exitCode: 0, stdout: '3.9.0\n', stderr: '' });
  });

  it('wants one action: the message and the help table', async () => {
    const result = await run(['--bootstrap-server', 'localhost:9092', '--entity-type', 'topics', '--entity-name', 'test']);
    expect(result).toEqual(usageFailure('Command must include exactly one action: --describe, --alter', HELP_TABLE));
  });

  it('without --bootstrap-server assumes ZooKeeper mode (message only, exit 1)', async () => {
    expect(await run(['--entity-type', 'topics', '--entity-name', 'test', '--describe'])).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'Invalid entity type topics, the entity type must be one of users, brokers with a --zookeeper argument\n',
    });
    expect(await run(['--entity-type', 'brokers', '--describe'])).toMatchObject({
      exitCode: 1,
      stderr: 'One of the required --bootstrap-server, --boostrap-controller, or --zookeeper arguments must be specified\n',
    });
    expect(await run(['--zookeeper', 'localhost:2181', '--entity-type', 'topics', '--describe'])).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'Invalid entity type topics, the entity type must be one of users, brokers with a --zookeeper argument\n',
    });
  });

  it('prints an unknown option as the message alone', async () => {
    expect(await run(['--bootstrap-server', 'localhost:9092', '--describe', '--foo'])).toMatchObject({ exitCode: 1, stdout: '', stderr: 'foo is not a recognized option\n' });
  });

  it('cannot read a --command-config file in the lab shell', async () => {
    const args = ['--bootstrap-server', 'localhost:9092', '--topic', 'test', '--describe', '--command-config', 'admin.properties'];
    const result = await run(args);
    expect(result.exitCode).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      errorHeader(args),
      'java.nio.file.NoSuchFileException: admin.properties',
      '\tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)',
    ]);
    expect(lines).toContain('\tat kafka.admin.ConfigCommand$.processCommand(ConfigCommand.scala:334)');
  });

  it('refuses default.api.timeout.ms below request.timeout.ms, as the admin client does', async () => {
    const args = ['--bootstrap-server', 'localhost:9092', '--topic', 'test', '--describe', '--command-config', 'c.properties'];
    const result = await run(args, { files: { 'c.properties': 'default.api.timeout.ms=3000\n' } });
    expect(result.exitCode).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[1]).toBe('org.apache.kafka.common.KafkaException: Failed to create new KafkaAdminClient');
    expect(lines).toContain('Caused by: org.apache.kafka.common.config.ConfigException: The specified value of default.api.timeout.ms must be no smaller than the value of request.timeout.ms.');
  });

  it('waits for a dead bootstrap server until default.api.timeout.ms, with the WARN line, then fails the call', async () => {
    const port = await deadPort();
    const args = ['--bootstrap-server', `localhost:${port}`, '--entity-type', 'topics', '--entity-name', 'test', '--describe', '--command-config', 'c.properties'];
    const started = Date.now();
    const result = await run(args, { files: { 'c.properties': 'request.timeout.ms=1000\ndefault.api.timeout.ms=1500\n' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('Dynamic configs for topic test are:\n');
    expect(result.stderr).toBe(
      `[2024-11-11 02:46:50,786] WARN [AdminClient clientId=adminclient-1] Connection to node -1 (localhost/127.0.0.1:${port}) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)\n` +
        `${errorHeader(args)}\n` +
        'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeConfigs\n' +
        '\tat java.base/java.util.concurrent.CompletableFuture.reportGet(CompletableFuture.java:396)\n' +
        '\tat java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2096)\n' +
        '\tat org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:180)\n' +
        '\tat kafka.admin.ConfigCommand$.getResourceConfig(ConfigCommand.scala:618)\n' +
        '\tat kafka.admin.ConfigCommand$.$anonfun$describeResourceConfig$4(ConfigCommand.scala:576)\n' +
        '\tat kafka.admin.ConfigCommand$.$anonfun$describeResourceConfig$4$adapted(ConfigCommand.scala:568)\n' +
        '\tat scala.collection.immutable.List.foreach(List.scala:333)\n' +
        '\tat kafka.admin.ConfigCommand$.describeResourceConfig(ConfigCommand.scala:568)\n' +
        '\tat kafka.admin.ConfigCommand$.describeConfig(ConfigCommand.scala:546)\n' +
        '\tat kafka.admin.ConfigCommand$.processCommand(ConfigCommand.scala:351)\n' +
        '\tat kafka.admin.ConfigCommand$.main(ConfigCommand.scala:98)\n' +
        '\tat kafka.admin.ConfigCommand.main(ConfigCommand.scala)\n' +
        'Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeConfigs\n',
    );
  });

  it('ends at Ctrl-C while it waits for a broker (exit 130, nothing more printed)', async () => {
    const port = await deadPort();
    const controller = new AbortController();
    const running = run(['--bootstrap-server', `127.0.0.1:${port}`, '--entity-type', 'brokers', '--describe'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const result = await running;
    expect(result.exitCode).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^(\[[^\n]* WARN \[AdminClient clientId=adminclient-1\] Connection to node -1 \(\/127\.0\.0\.1:\d+\) could not be established\. Node may not be available\. \(org\.apache\.kafka\.clients\.NetworkClient\)\n)+$/);
  });
});

describe('kafka-configs (against the embedded cluster)', () => {
  const cluster = suiteCluster();
  let bootstrap: string;
  beforeAll(async () => {
    bootstrap = cluster().bootstrap[0];
    const admin = new kafkajs.Kafka({ brokers: cluster().bootstrap, logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 1, replicationFactor: 3 }, { topic: 'plain', numPartitions: 1, replicationFactor: 3 }] });
    } finally {
      await admin.disconnect();
    }
  });

  /** The topic's overrides as the cluster's own ZooKeeper holds them (`/config/topics/<t>`). */
  async function storedOverrides(topic: string): Promise<Record<string, string>> {
    const zookeeper = await cluster().zookeeperClient();
    const { data } = await zookeeper.getData(`/config/topics/${topic}`);
    return (JSON.parse(new TextDecoder().decode(data)) as { config: Record<string, string> }).config;
  }

  it('describes a topic without overrides as the header line alone', async () => {
    const result = await run(['--bootstrap-server', bootstrap, '--entity-type', 'topics', '--entity-name', 'plain', '--describe']);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'Dynamic configs for topic plain are:\n', stderr: '', topics: [] });
  });

  it('adds, describes and deletes topic overrides', async () => {
    const add = await run(['--bootstrap-server', bootstrap, '--entity-type', 'topics', '--entity-name', 'orders', '--alter', '--add-config', 'cleanup.policy=compact,retention.ms=86400000']);
    expect(add).toMatchObject({ exitCode: 0, stdout: 'Completed updating config for topic orders.\n', stderr: '', topics: ['orders'] });
    expect(await storedOverrides('orders')).toEqual({ 'cleanup.policy': 'compact', 'retention.ms': '86400000' });

    const described = await run(['--bootstrap-server', bootstrap, '--entity-type', 'topics', '--entity-name', 'orders', '--describe']);
    expect(described.exitCode).toBe(0);
    const lines = described.stdout.split('\n');
    expect(lines[0]).toBe('Dynamic configs for topic orders are:');
    expect(lines[1]).toBe('  cleanup.policy=compact sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact, DEFAULT_CONFIG:log.cleanup.policy=delete}');
    expect(lines[2]).toMatch(/^ {2}retention\.ms=86400000 sensitive=false synonyms=\{DYNAMIC_TOPIC_CONFIG:retention\.ms=86400000[,}]/);
    expect(lines.slice(3)).toEqual(['']);

    // A list value in square brackets; the other override stays (the change is incremental).
    const list = await run(['--bootstrap-server', bootstrap, '--topic', 'orders', '--alter', '--add-config', 'cleanup.policy=[compact,delete]']);
    expect(list.stdout).toBe('Completed updating config for topic orders.\n');
    expect(await storedOverrides('orders')).toEqual({ 'cleanup.policy': 'compact,delete', 'retention.ms': '86400000' });

    const removed = await run(['--bootstrap-server', bootstrap, '--topic', 'orders', '--alter', '--delete-config', 'retention.ms']);
    expect(removed).toMatchObject({ exitCode: 0, stdout: 'Completed updating config for topic orders.\n', stderr: '' });
    expect(await storedOverrides('orders')).toEqual({ 'cleanup.policy': 'compact,delete' });

    const again = await run(['--bootstrap-server', bootstrap, '--topic', 'orders', '--alter', '--delete-config', 'retention.ms']);
    expect(again).toMatchObject({ exitCode: 1, stdout: '', stderr: 'Invalid config(s): retention.ms\n', topics: [] });
  });

  it('lists every entry with --all', async () => {
    const result = await run(['--bootstrap-server', bootstrap, '--topic', 'plain', '--describe', '--all']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('All configs for topic plain are:');
    const names = lines.slice(1).map((line) => line.trim().split('=')[0]);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('min.insync.replicas');
    expect(lines).toContain('  cleanup.policy=delete sensitive=false synonyms={DEFAULT_CONFIG:log.cleanup.policy=delete}');
  });

  it('describes every topic, internal ones included, when no name is given', async () => {
    await run(['--bootstrap-server', bootstrap, '--topic', 'plain', '--alter', '--add-config', 'max.message.bytes=2000000']);
    const result = await run(['--bootstrap-server', bootstrap, '--entity-type', 'topics', '--describe']);
    expect(result.exitCode).toBe(0);
    const headers = result.stdout.split('\n').filter((line) => line.startsWith('Dynamic configs'));
    expect(headers).toContain('Dynamic configs for topic plain are:');
    expect(headers).toContain('Dynamic configs for topic orders are:');
    expect(result.stdout).toContain('Dynamic configs for topic plain are:\n  max.message.bytes=2000000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:max.message.bytes=2000000');
  });

  it('rejects a malformed --add-config before it asks the cluster', async () => {
    const result = await run(['--bootstrap-server', bootstrap, '--topic', 'orders', '--alter', '--add-config', 'retention.ms']);
    expect(result).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".\n',
    });
  });

  it("prints the broker's refusal of an unknown config name as a stack trace", async () => {
    const args = ['--bootstrap-server', bootstrap, '--topic', 'orders', '--alter', '--add-config', 'foo=1'];
    const result = await run(args);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toBe(
      `${errorHeader(args)}\n` +
        'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: foo\n' +
        '\tat java.base/java.util.concurrent.CompletableFuture.reportGet(CompletableFuture.java:396)\n' +
        '\tat java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2096)\n' +
        '\tat org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:180)\n' +
        '\tat kafka.admin.ConfigCommand$.alterConfig(ConfigCommand.scala:382)\n' +
        '\tat kafka.admin.ConfigCommand$.processCommand(ConfigCommand.scala:349)\n' +
        '\tat kafka.admin.ConfigCommand$.main(ConfigCommand.scala:98)\n' +
        '\tat kafka.admin.ConfigCommand.main(ConfigCommand.scala)\n' +
        'Caused by: org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: foo\n',
    );
  });

  it('fails on a topic that does not exist, after the header line', async () => {
    const args = ['--bootstrap-server', bootstrap, '--entity-type', 'topics', '--entity-name', 'nosuch', '--describe'];
    const result = await run(args);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('Dynamic configs for topic nosuch are:\n');
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe(errorHeader(args));
    expect(lines[1]).toMatch(/^java\.util\.concurrent\.ExecutionException: org\.apache\.kafka\.common\.errors\.UnknownTopicOrPartitionException: /);
    expect(lines.at(-2)).toMatch(/^Caused by: org\.apache\.kafka\.common\.errors\.UnknownTopicOrPartitionException: /);
  });

  it('refuses an illegal topic name as Kafka does (InvalidTopicException, no frames)', async () => {
    const args = ['--bootstrap-server', bootstrap, '--topic', 'a b', '--describe'];
    const result = await run(args);
    expect(result).toMatchObject({ exitCode: 1, stdout: 'Dynamic configs for topic a b are:\n' });
    expect(result.stderr).toBe(
      `${errorHeader(args)}\norg.apache.kafka.common.errors.InvalidTopicException: Topic name is invalid: 'a b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'\n`,
    );
  });

  it("describes every broker's dynamic configs, then the cluster default", async () => {
    const result = await run(['--bootstrap-server', bootstrap, '--entity-type', 'brokers', '--describe']);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toBe(
      `${cluster().ids.map((id) => `Dynamic configs for broker ${id} are:\n`).join('')}Default configs for brokers in the cluster are:\n`,
    );
    expect(await run(['--bootstrap-server', bootstrap, '--broker-defaults', '--describe'])).toMatchObject({
      exitCode: 0,
      stdout: 'Default configs for brokers in the cluster are:\n',
    });
  });

  it("lists one broker's whole configuration with --all, from that broker", async () => {
    const id = cluster().ids[1];
    const result = await run(['--bootstrap-server', bootstrap, '--entity-type', 'brokers', '--entity-name', String(id), '--describe', '--all']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`All configs for broker ${id} are:`);
    expect(lines).toContain(`  broker.id=${id} sensitive=false synonyms={STATIC_BROKER_CONFIG:broker.id=${id}}`);
    expect(lines).toContain('  log.retention.hours=168 sensitive=false synonyms={DEFAULT_CONFIG:log.retention.hours=168}');
  });

  it('changes a broker\'s dynamic config and its cluster default, and describes them as Kafka does', async () => {
    const id = cluster().ids[0];
    const set = await run(['--bootstrap-server', bootstrap, '--entity-type', 'brokers', '--entity-name', String(id), '--alter', '--add-config', 'log.cleaner.threads=2']);
    expect(set).toMatchObject({ exitCode: 0, stdout: `Completed updating config for broker ${id}.\n` });
    const defaults = await run(['--bootstrap-server', bootstrap, '--entity-type', 'brokers', '--entity-default', '--alter', '--add-config', 'log.cleaner.threads=3']);
    expect(defaults).toMatchObject({ exitCode: 0, stdout: 'Completed updating default config for brokers in the cluster.\n' });
    const described = await run(['--bootstrap-server', bootstrap, '--entity-type', 'brokers', '--entity-name', String(id), '--describe']);
    expect(described.stdout).toBe(
      `Dynamic configs for broker ${id} are:\n` +
        '  log.cleaner.threads=2 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:log.cleaner.threads=2, DYNAMIC_DEFAULT_BROKER_CONFIG:log.cleaner.threads=3, DEFAULT_CONFIG:log.cleaner.threads=1}\n',
    );
    const describedDefault = await run(['--bootstrap-server', bootstrap, '--entity-type', 'brokers', '--entity-default', '--describe']);
    expect(describedDefault.stdout).toBe('Default configs for brokers in the cluster are:\n  log.cleaner.threads=3 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:log.cleaner.threads=3}\n');
    for (const target of [['--entity-name', String(id)], ['--entity-default']]) {
      const deleted = await run(['--bootstrap-server', bootstrap, '--entity-type', 'brokers', ...target, '--alter', '--delete-config', 'log.cleaner.threads']);
      expect(deleted.exitCode).toBe(0);
    }
  });

  it("prints the cluster's refusal to change a broker config", async () => {
    const args = ['--bootstrap-server', bootstrap, '--entity-type', 'brokers', '--entity-name', String(cluster().ids[0]), '--alter', '--add-config', 'num.partitions=2'];
    const result = await run(args);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe(errorHeader(args));
    expect(lines[1]).toBe('java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.InvalidRequestException: Cannot update these configs dynamically: Set(num.partitions)');
    expect(lines).toContain('\tat kafka.admin.ConfigCommand$.alterConfig(ConfigCommand.scala:401)');
  });

  it('answers users, clients and ips as Kafka does against a broker without the client-quota API', async () => {
    const args = ['--bootstrap-server', bootstrap, '--entity-type', 'users', '--describe'];
    const result = await run(args);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    const lines = result.stderr.split('\n');
    expect(lines.slice(0, 2)).toEqual([errorHeader(args), 'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support DESCRIBE_CLIENT_QUOTAS']);
    expect(lines).toContain('\tat kafka.admin.ConfigCommand$.describeClientQuotaAndUserScramCredentialConfigs(ConfigCommand.scala:651)');
    // Config names are checked before any request.
    const clients = await run(['--bootstrap-server', bootstrap, '--client', 'app', '--alter', '--add-config', 'retention.ms=1']);
    expect(clients).toMatchObject({
      exitCode: 1,
      stderr: "Only quota configs can be added for 'clients' using --bootstrap-server. Unexpected config names: Set(retention.ms)\n",
    });
  });

  describe('--zookeeper (deprecated: users, and brokers that are down)', () => {
    const ZK_WARNING = 'Warning: --zookeeper is deprecated and will be removed in a future version of Kafka.\nUse --bootstrap-server instead to specify a broker to connect to.\n';
    const DOWN_ONLY = 'Broker configuration operations using ZooKeeper are only supported if the affected broker(s) are not running.';

    it('refuses running brokers', async () => {
      const one = await run(['--zookeeper', cluster().zookeeperConnect, '--entity-type', 'brokers', '--entity-name', String(cluster().ids[0]), '--describe']);
      expect(one).toMatchObject({
        exitCode: 1,
        stdout: ZK_WARNING,
        stderr: `requirement failed: --bootstrap-server option must be specified to describe brokers - broker ${cluster().ids[0]} is running. ${DOWN_ONLY}\n`,
      });
      const all = await run(['--zookeeper', cluster().zookeeperConnect, '--broker-defaults', '--describe']);
      expect(all.stderr).toBe(`requirement failed: --bootstrap-server option must be specified to describe brokers - ${cluster().ids.length} brokers are running. ${DOWN_ONLY}\n`);
      const unnamed = await run(['--zookeeper', cluster().zookeeperConnect, '--entity-type', 'brokers', '--describe']);
      expect(unnamed.stderr).toBe("Error parsing broker . The broker's Entity Name must be a single integer value\n");
    });

    it('stores a SCRAM credential Kafka can verify, and describes it', async () => {
      const add = await run(['--zookeeper', cluster().zookeeperConnect, '--entity-type', 'users', '--entity-name', 'alice', '--alter', '--add-config', 'SCRAM-SHA-256=[iterations=4096,password=alice-secret]']);
      expect(add).toMatchObject({ exitCode: 0, stdout: `${ZK_WARNING}Completed updating config for entity: user-principal 'alice'.\n`, stderr: '' });

      const zookeeper = await cluster().zookeeperClient();
      const stored = JSON.parse(new TextDecoder().decode((await zookeeper.getData('/config/users/alice')).data)) as { version: number; config: Record<string, string> };
      expect(stored.version).toBe(1);
      const credential = Object.fromEntries(stored.config['SCRAM-SHA-256'].split(',').map((field) => [field.slice(0, field.indexOf('=')), field.slice(field.indexOf('=') + 1)]));
      expect(credential.iterations).toBe('4096');
      const salt = Buffer.from(credential.salt, 'base64');
      expect(salt.toString('latin1')).toMatch(/^[0-9a-z]+$/);
      const salted = pbkdf2Sync('alice-secret', salt, 4096, 32, 'sha256');
      const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest('base64');
      expect(credential.stored_key).toBe(storedKey);
      expect(credential.server_key).toBe(createHmac('sha256', salted).update('Server Key').digest('base64'));
      const changes = await zookeeper.getChildren('/config/changes');
      const notes = await Promise.all(changes.map(async (name) => new TextDecoder().decode((await zookeeper.getData(`/config/changes/${name}`)).data)));
      expect(notes).toContain('{"version":2,"entity_path":"users/alice"}');

      const described = await run(['--zookeeper', cluster().zookeeperConnect, '--entity-type', 'users', '--describe']);
      expect(described).toMatchObject({ exitCode: 0, stdout: `${ZK_WARNING}Configs for user-principal 'alice' are SCRAM-SHA-256=${stored.config['SCRAM-SHA-256']}\n` });
    });

    it('takes only SCRAM credentials for users', async () => {
      const result = await run(['--zookeeper', cluster().zookeeperConnect, '--user', 'bob', '--alter', '--add-config', 'producer_byte_rate=1024']);
      expect(result).toMatchObject({
        exitCode: 1,
        stdout: ZK_WARNING,
        stderr:
          'requirement failed: --bootstrap-server option must be specified to update users configs: {add: {producer_byte_rate=1024}, delete: List()}. User configuration updates using ZooKeeper are only supported for SCRAM credential updates.\n',
      });
    });

    it("changes a stopped broker's configs", async () => {
      const id = cluster().ids[2];
      await cluster().stop(id);
      try {
        const alter = await run(['--zookeeper', cluster().zookeeperConnect, '--broker', String(id), '--alter', '--add-config', 'log.cleaner.threads=2']);
        expect(alter).toMatchObject({ exitCode: 0, stdout: `${ZK_WARNING}Completed updating config for entity: brokers '${id}'.\n`, stderr: '' });
        const described = await run(['--zookeeper', cluster().zookeeperConnect, '--broker', String(id), '--describe']);
        expect(described).toMatchObject({ exitCode: 0, stdout: `${ZK_WARNING}Configs for brokers '${id}' are log.cleaner.threads=2\n` });
        const missing = await run(['--zookeeper', cluster().zookeeperConnect, '--broker', String(id), '--alter', '--delete-config', 'num.io.threads']);
        expect(missing).toMatchObject({ exitCode: 1, stderr: 'Invalid config(s): num.io.threads\n' });
      } finally {
        await cluster().start(id);
      }
    });
  });

  it('does not reach controllers: a ZooKeeper-mode cluster has none', async () => {
    const args = ['--bootstrap-controller', bootstrap, '--topic', 'orders', '--describe'];
    const result = await run(args);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split('\n')[1]).toMatch(/^java\.util\.concurrent\.ExecutionException: org\.apache\.kafka\.common\.errors\.(UnsupportedVersion|MismatchedEndpointType)Exception: /);
  });
});
