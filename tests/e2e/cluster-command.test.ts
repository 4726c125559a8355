import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../src/cluster/zookeeper/client/zookeeper-client.ts';
import { projectRoot } from '../support/start-kafkalab.ts';

function runCluster(args: string[]) {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'kafkalab.js'), 'cluster', ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** `kafkalab cluster` runs the embedded cluster in the foreground and stops cleanly on Ctrl-C. */
describe('kafkalab cluster', () => {
  it('prints the connect string and bootstrap servers, serves them, and stops on SIGINT', async () => {
    const { child, exited, output: current } = runCluster(['--zookeeper-ports', '0,0,0', '--broker-ids', '101,102,103']);
    let output = '';
    try {
      await expect.poll(() => (output = current()), { timeout: 20_000 }).toContain('Press Ctrl-C to stop.');
      const connect = /ZooKeeper connect string: (\S+)/.exec(output)?.[1] ?? '';
      const bootstrap = /Kafka bootstrap servers:\s+(\S+)/.exec(output)?.[1] ?? '';
      expect(connect.split(',')).toHaveLength(3);
      expect(bootstrap.split(',')).toHaveLength(3);
      expect(output).toMatch(/zookeeper-\d\s+127\.0\.0\.1:\d+\s+leader/);

      const zk = new ZooKeeperClient({ connectString: connect, transport: new TcpTransport(), sessionTimeoutMs: 4000 });
      await zk.connect();
      await expect.poll(async () => (await zk.getChildren('/brokers/ids')).sort(), { timeout: 10_000 }).toEqual(['101', '102', '103']);
      await zk.close();
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(current()).toContain('SIGINT: stopping...');
  });

  it('sets broker properties with --broker-config, as a real client sees them', async () => {
    const { child, exited, output } = runCluster([
      '--zookeeper-ports', '0,0,0', '--kafka-ports', '0,0,0',
      '--broker-config', 'min.insync.replicas=1', '--broker-config', 'default.replication.factor=1', '--broker-config', 'replica.lag.time.max.ms=5000',
    ]);
    try {
      await expect.poll(output, { timeout: 40_000 }).toContain('Press Ctrl-C to stop.');
      const bootstrap = /Kafka bootstrap servers:\s+(\S+)/.exec(output())?.[1] ?? '';
      const admin = new Kafka({ brokers: bootstrap.split(','), logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const { resources } = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.BROKER, name: '2', configNames: ['min.insync.replicas', 'default.replication.factor', 'replica.lag.time.max.ms', 'offsets.topic.replication.factor'] }],
        });
        const values = Object.fromEntries(resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
        // The three given, and a course default left as it was.
        expect(values).toEqual({ 'min.insync.replicas': '1', 'default.replication.factor': '1', 'replica.lag.time.max.ms': '5000', 'offsets.topic.replication.factor': '3' });
        // default.replication.factor=1 takes effect: a topic created without a replication factor has one replica.
        await admin.createTopics({ topics: [{ topic: 'one-replica', numPartitions: 1 }], waitForLeaders: true });
        const { topics } = await admin.fetchTopicMetadata({ topics: ['one-replica'] });
        expect(topics[0].partitions[0].replicas).toHaveLength(1);
      } finally {
        await admin.disconnect();
      }
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 90_000);

  it('refuses an unknown --broker-config key or a bad value, naming the key and the accepted ones', async () => {
    const run = async (setting: string) => {
      const { exited, output } = runCluster(['--zookeeper-ports', '0,0,0', '--kafka-ports', '0,0,0', '--broker-config', setting]);
      return { status: await exited, output: output() };
    };
    const [unknown, bad, clash] = await Promise.all([run('min.isr=1'), run('min.insync.replicas=two'), run('replica.lag.time.max.ms=100')]);
    expect(unknown.status).toBe(1);
    expect(unknown.output).toContain('unknown broker setting "min.isr"');
    expect(unknown.output).toMatch(/Accepted settings: .*min\.insync\.replicas/);
    expect(unknown.output).not.toContain('Press Ctrl-C');
    expect(bad.status).toBe(1);
    expect(bad.output).toContain('min.insync.replicas must be a whole number');
    expect(clash.status).toBe(1);
    expect(clash.output).toContain('replica.fetch.wait.max.ms (500) must be below replica.lag.time.max.ms (100)');
  }, 60_000);
});
