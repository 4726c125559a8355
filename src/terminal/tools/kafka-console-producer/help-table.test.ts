import { describe, expect, it } from 'vitest';
import { CONSOLE_PRODUCER_HELP_TABLE, CONSOLE_PRODUCER_PURPOSE } from './help-table.ts';

const lines = CONSOLE_PRODUCER_HELP_TABLE.split('\n');

describe('kafka-console-producer help table (KAFKA_CLI.md A.2)', () => {
  it('is 124 lines of exactly 80 columns, each ending with a newline', () => {
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(124);
    for (const line of lines) expect(line).toHaveLength(80);
  });

  it('keeps the trailing spaces and the literal \\t of the --property text', () => {
    expect(lines[0]).toBe('Option                                   Description                            ');
    expect(lines[1]).toBe('------                                   -----------                            ');
    expect(lines).toContain('--sync                                   If set message send requests to the    ');
    expect(lines).toContain('                                          key.separator=\\t                      ');
    expect(lines).toContain('                                          parse.headers=true and parse.key=true:');
    expect(lines.at(-1)).toBe('--version                                Display Kafka version.                 ');
  });

  it('has the purpose line --help prints first', () => {
    expect(CONSOLE_PRODUCER_PURPOSE).toBe('This tool helps to read data from standard input and publish it to Kafka.');
  });
});
