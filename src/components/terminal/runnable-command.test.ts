import { describe, expect, it } from 'vitest';
import { isRunnable, pipelinePrograms, runsAtOnce } from './runnable-command.ts';

const SHELL = new Set(['kafka-topics', 'kafka-topics.sh', 'kafka-consumer-groups', 'zookeeper-shell', 'kafkalab', 'echo', 'nc', 'grep']);

describe('what Run may type into the lab shell', () => {
  it('finds the program of every stage of a pipeline, quotes and escapes respected', () => {
    expect(pipelinePrograms('echo srvr | nc localhost 12181')).toEqual(['echo', 'nc']);
    expect(pipelinePrograms(`echo "a | b" | grep 'x|y'`)).toEqual(['echo', 'grep']);
    expect(pipelinePrograms('echo a\\|b')).toEqual(['echo']);
    expect(pipelinePrograms('kafka-topics --list|grep test')).toEqual(['kafka-topics', 'grep']);
    expect(pipelinePrograms('   ')).toEqual([]);
  });

  it('runs a command only when the shell has every program of it', () => {
    expect(isRunnable('kafka-topics --bootstrap-server localhost:19092 --list', SHELL)).toBe(true);
    expect(isRunnable('kafka-topics.sh --bootstrap-server localhost:19092 --list', SHELL)).toBe(true);
    expect(isRunnable('echo srvr | nc localhost 12181', SHELL)).toBe(true);
    expect(isRunnable('echo "written while kafka-2 was down" | kcat -b localhost:19092 -P -t test', SHELL)).toBe(false);
    expect(isRunnable('docker compose up -d', SHELL)).toBe(false);
    expect(isRunnable('', SHELL)).toBe(false);
    expect(isRunnable('zookeeper-shell localhost:12181 get <path>', SHELL)).toBe(false);
    expect(isRunnable('echo "a <b" | grep a', SHELL)).toBe(true);
  });

  it('presses Enter for commands that look, and types without Enter those that delete or change', () => {
    expect(runsAtOnce('kafka-topics --bootstrap-server localhost:19092 --describe --topic test')).toBe(true);
    expect(runsAtOnce('kafka-topics --bootstrap-server localhost:19092 --create --topic test --partitions 2')).toBe(true);
    expect(runsAtOnce('kafka-consumer-groups --bootstrap-server localhost:19092 --group g1 --reset-offsets --to-earliest --topic test')).toBe(true);
    expect(runsAtOnce('kafkalab start kafka-2')).toBe(true);
    expect(runsAtOnce('zookeeper-shell localhost:12181 get /controller')).toBe(true);

    expect(runsAtOnce('kafka-topics --bootstrap-server localhost:19092 --delete --topic test')).toBe(false);
    expect(runsAtOnce('kafka-topics --bootstrap-server localhost:19092 --alter --topic test --partitions 3')).toBe(false);
    expect(runsAtOnce('kafka-consumer-groups --bootstrap-server localhost:19092 --group g1 --topic test --reset-offsets --to-earliest --execute')).toBe(false);
    expect(runsAtOnce('kafkalab stop kafka-2')).toBe(false);
    expect(runsAtOnce('kafkalab kill zookeeper-1')).toBe(false);
    expect(runsAtOnce('zookeeper-shell localhost:12181 delete /controller')).toBe(false);
  });
});
