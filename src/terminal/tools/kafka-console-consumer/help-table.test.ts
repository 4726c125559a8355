import { describe, expect, it } from 'vitest';
import { CONSOLE_CONSUMER_HELP_TABLE, CONSOLE_CONSUMER_PURPOSE } from './help-table.ts';

const lines = CONSOLE_CONSUMER_HELP_TABLE.split('\n');

describe('kafka-console-consumer help table (KAFKA_CLI.md A.3)', () => {
  it('is 90 lines of exactly 80 columns, each ending with a newline', () => {
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(90);
    for (const line of lines) expect(line).toHaveLength(80);
  });

  it('keeps the trailing spaces', () => {
    expect(lines[2]).toBe('--bootstrap-server <String: server to    REQUIRED: The server(s) to connect to. ');
    expect(lines[3]).toBe('  connect to>                                                                   ');
    expect(lines).toContain('--key-deserializer <String:                                                     ');
    expect(lines).toContain('                                           messages. (default: read_uncommitted)');
    expect(lines.at(-1)).toBe('                                           of topics to include for consumption.');
  });

  it('has the purpose line printed for --help and no arguments', () => {
    expect(CONSOLE_CONSUMER_PURPOSE).toBe('This tool helps to read data from Kafka topics and outputs it to standard output.');
  });
});
