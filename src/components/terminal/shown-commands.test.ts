import { describe, expect, it } from 'vitest';
import { oneLine, scriptCommands, sessionCommands, shownCommands } from './shown-commands.ts';

// Blocks as the chapters write them (chapter 1's create and describe, chapter 6's producer).
const SESSION = [
  '$ kafka-topics --bootstrap-server localhost:19092 --create --topic orders \\',
  '    --partitions 3 --replication-factor 2',
  'Created topic orders.',
  '',
  '$ kafka-topics --bootstrap-server localhost:19092 --describe --topic orders',
  'Topic: orders\tTopicId: mW2sPbq8RmuJm6v0cYbq1g\tPartitionCount: 3\tReplicationFactor: 2\tConfigs:',
  '\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1,2',
].join('\n');

describe('the commands a lesson shows', () => {
  it('takes the $ lines of a console block, with their continuation lines, and leaves prompt and output out', () => {
    expect(sessionCommands(SESSION)).toEqual([
      'kafka-topics --bootstrap-server localhost:19092 --create --topic orders \\\n    --partitions 3 --replication-factor 2',
      'kafka-topics --bootstrap-server localhost:19092 --describe --topic orders',
    ]);
  });

  it('does not take an output line that merely ends in a backslash as part of the next command', () => {
    expect(sessionCommands('$ echo a\\\\\nout \\\n$ echo b')).toEqual(['echo a\\\\', 'echo b']);
  });

  it('takes every command line of a sh block, joining continuations and skipping blanks and comments', () => {
    const script = '# chapter 6\nkafka-console-producer --bootstrap-server localhost:19092 --topic test \\\n  --property parse.key=true --property key.separator=:\n\nkcat -b localhost:19092 -P -t test -K:';
    expect(scriptCommands(script)).toEqual([
      'kafka-console-producer --bootstrap-server localhost:19092 --topic test \\\n  --property parse.key=true --property key.separator=:',
      'kcat -b localhost:19092 -P -t test -K:',
    ]);
  });

  it('knows terminal blocks by language, and finds nothing in the others', () => {
    expect(shownCommands('console', '$ kafkalab status\nkafka-1 running')).toEqual(['kafkalab status']);
    expect(shownCommands('sh', 'echo srvr | nc localhost 12181')).toEqual(['echo srvr | nc localhost 12181']);
    expect(shownCommands('properties', 'broker.id=1')).toEqual([]);
    expect(shownCommands('text', '$ not a command here')).toEqual([]);
  });

  it('turns a continued command into the one line a shell reads', () => {
    expect(oneLine(sessionCommands(SESSION)[0])).toBe('kafka-topics --bootstrap-server localhost:19092 --create --topic orders --partitions 3 --replication-factor 2');
    expect(oneLine('kafka-topics --list')).toBe('kafka-topics --list');
  });
});
