import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../src/cluster/zookeeper/client/zookeeper-client.ts';
import { projectRoot } from '../support/start-kafkalab.ts';

/** `kafkalab cluster` runs the embedded cluster in the foreground and stops cleanly on Ctrl-C. */
describe('kafkalab cluster', () => {
  it('prints the connect string and bootstrap servers, serves them, and stops on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'bin', 'kafkalab.js'), 'cluster', '--zookeeper-ports', '0,0,0', '--broker-ids', '101,102,103'],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain('Press Ctrl-C to stop.');
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
    expect(output).toContain('SIGINT: stopping...');
  });
});
