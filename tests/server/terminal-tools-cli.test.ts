import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { hostToolNames } from '../../src/server/tools-cli/host-tools.ts';
import { projectRoot } from '../support/start-kafkalab.ts';

const bin = join(projectRoot, 'bin', 'kafkalab.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/kafkalab.js ARGS`, as `npx kafkalab ARGS` runs it; `input` is written to stdin, then it is closed. */
function kafkalab(args: string[], options: { input?: string; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin.end(options.input);
  });
}

/**
 * The lab's Kafka tools on the learner's own machine: `npx kafkalab <tool> ...` runs the tool with the
 * process's stdio against a cluster it reaches over TCP (here an embedded cluster started by the test).
 */
describe('kafkalab <tool>: the tools in the learner\'s own terminal', () => {
  let runtime: EmbeddedRuntime;
  let zookeeper: string;
  let bootstrap: string;
  let files: string;

  beforeAll(async () => {
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    const status = await runtime.up();
    // A single member, as a learner would name it.
    zookeeper = `localhost:${status.nodes.find((node) => node.kind === 'zookeeper')!.port}`;
    bootstrap = `localhost:${status.nodes.find((node) => node.kind === 'kafka')!.port}`;
    files = mkdtempSync(join(tmpdir(), 'kafkalab-tools-'));
  });
  afterAll(async () => {
    await runtime?.[Symbol.asyncDispose]();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('offers every Kafka tool of the lab shell, with and without .sh, and nothing else', () => {
    const names = hostToolNames();
    expect(names).toContain('zookeeper-shell');
    expect(names).toContain('zookeeper-shell.sh');
    for (const name of names) expect(name).toMatch(/^(kafka-[a-z-]+|zookeeper-shell)(\.sh)?$/);
    expect(names).not.toContain('kafkalab');
  });

  it('runs zookeeper-shell one-shot against the cluster, with its output and exit status', async () => {
    const run = await kafkalab(['zookeeper-shell', zookeeper, 'ls', '/brokers/ids']);
    expect(run.stdout).toBe(`Connecting to ${zookeeper}\n\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null\n[1, 2, 3]\n`);
    expect(run.code).toBe(0);
  });

  it('reads commands from standard input until its end (zookeeper-shell.sh)', async () => {
    const run = await kafkalab(['zookeeper-shell.sh', zookeeper], { input: 'ls /brokers/ids\nget /controller_epoch\n' });
    expect(run.stdout).toContain('Welcome to ZooKeeper!\n');
    expect(run.stdout).toContain('[1, 2, 3]\n');
    expect(run.stdout).toMatch(/\n1\n$/);
    expect(run.code).toBe(0);
  });

  it('creates and lists a topic with kafka-topics, and produces to it from a pipe with kafka-console-producer.sh', async () => {
    const created = await kafkalab(['kafka-topics', '--bootstrap-server', bootstrap, '--create', '--topic', 'cli-topic', '--partitions', '2', '--replication-factor', '3']);
    expect(created, created.stderr).toMatchObject({ stdout: 'Created topic cli-topic.\n', code: 0 });
    const listed = await kafkalab(['kafka-topics.sh', '--bootstrap-server', bootstrap, '--list']);
    expect(listed.stdout.split('\n')).toContain('cli-topic');
    expect(listed.code).toBe(0);
    const produced = await kafkalab(['kafka-console-producer.sh', '--bootstrap-server', bootstrap, '--topic', 'cli-topic'], { input: 'one\ntwo\nthree\n' });
    expect(produced.code).toBe(0);
    const kafka = new kafkajs.Kafka({ brokers: [bootstrap], logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets('cli-topic');
      expect(offsets.reduce((sum, partition) => sum + Number(partition.high), 0)).toBe(3);
    } finally {
      await admin.disconnect();
    }
  });

  it('consumes the records produced above with kafka-console-consumer until Ctrl-C, which ends it as the real one ends', async () => {
    const run = await kafkalab(['kafka-console-consumer', '--bootstrap-server', bootstrap, '--topic', 'cli-topic', '--from-beginning'], {
      onStdout: (text, child) => {
        if (text.split('\n').length > 3) child.kill('SIGINT');
      },
    });
    expect(run.stdout.split('\n').sort()).toEqual(['', 'one', 'three', 'two']);
    expect(run.stderr).toContain('Processed a total of 3 messages\n');
    expect(run.code).toBe(130);
  });

  it('stops the consumer when its reader goes away (| head -2), after holding it back while the pipe was full', async () => {
    const kafka = new kafkajs.Kafka({ brokers: [bootstrap], logLevel: kafkajs.logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    // 2 MB of records: more than a pipe holds, so the consumer has to wait for the reader.
    for (let start = 0; start < 20_000; start += 2000) {
      await producer.send({ topic: 'cli-big', messages: Array.from({ length: 2000 }, (_, i) => ({ value: `record ${start + i} ${'x'.repeat(90)}` })) });
    }
    await producer.disconnect();
    const script = `'${process.execPath}' '${bin}' kafka-console-consumer --bootstrap-server ${bootstrap} --topic cli-big --from-beginning | head -2; echo "status \${PIPESTATUS[0]}"`;
    const run = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', () => resolve({ stdout, stderr }));
    });
    expect(run.stdout).toMatch(/^record \d+ x+\nrecord \d+ x+\nstatus 0\n$/);
    expect(run.stderr).toContain('Unable to write to standard out, closing consumer.\n');
    // Held back by the full pipe: it stopped long before reading all 20 000 into memory.
    const processed = Number(/Processed a total of (\d+) messages\n/.exec(run.stderr)?.[1]);
    expect(processed).toBeGreaterThanOrEqual(2);
    expect(processed).toBeLessThan(10_000);
  });

  it("reads the learner's own files: --command-config", async () => {
    const config = join(files, 'client.properties');
    writeFileSync(config, 'client.id=from-a-file\nrequest.timeout.ms=30000\n');
    const listed = await kafkalab(['kafka-topics', '--bootstrap-server', bootstrap, '--list', '--command-config', config]);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const missing = await kafkalab(['kafka-topics', '--bootstrap-server', bootstrap, '--list', '--command-config', join(files, 'none.properties')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toContain('java.nio.file.NoSuchFileException');
  });

  it('prints the tool\'s own usage error and status', async () => {
    const run = await kafkalab(['zookeeper-shell.sh']);
    expect(run.stdout).toBe('USAGE: /usr/bin/zookeeper-shell.sh zookeeper_host:port[/path] [-zk-tls-config-file file] [args...]\n');
    expect(run.code).toBe(1);
  });

  it('stops the tool on Ctrl-C (SIGINT) with status 130', async () => {
    const run = await kafkalab(['zookeeper-shell', zookeeper], {
      onStdout: (text, child) => {
        if (text.includes('Welcome to ZooKeeper!')) child.kill('SIGINT');
      },
    });
    expect(run.stdout).toContain('Welcome to ZooKeeper!');
    expect(run.code).toBe(130);
  });

  it('kafkalab tools --shell bash defines the tools in bash by their real names', async () => {
    // Asynchronously: the cluster answering the tool runs in this process.
    const script = `eval "$('${process.execPath}' '${bin}' tools --shell bash)"; cd /; zookeeper-shell.sh ${zookeeper} ls /brokers/ids; echo "status $?"`;
    const run = await new Promise<string>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(stdout));
    });
    expect(run).toContain('[1, 2, 3]\nstatus 0\n');
  });

  it('kafkalab tools says how, for bash, zsh and fish', async () => {
    const run = await kafkalab(['tools']);
    expect(run.stdout).toContain('eval "$(npx kafkalab tools --shell bash)"');
    expect(run.stdout).toContain('npx kafkalab tools --shell fish | source');
    expect(run.stdout).toContain('zookeeper-shell.sh');
    const fish = await kafkalab(['tools', '--shell', 'fish']);
    expect(fish.stdout).toContain(`function zookeeper-shell.sh; '${process.execPath}' '${bin}' zookeeper-shell.sh $argv; end\n`);
    const unknown = await kafkalab(['tools', '--shell', 'tcsh']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown shell "tcsh"');
  });
});
