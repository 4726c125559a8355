import { describe, expect, it } from 'vitest';
import type { Command } from '../command.ts';
import { CommandRegistry } from './command-registry.ts';
import { commonPrefix, completionsFor, listInColumns } from './completion.ts';

const command = (name: string, completions: string[] = [], aliases: string[] = []): Command => ({ name, aliases, summary: name, completions, run: async () => 0 });
const registry = new CommandRegistry([
  command('kafka-topics', ['--bootstrap-server', '--create', '--describe', '--topic', '--partitions'], ['kafka-topics.sh']),
  command('kafka-configs', ['--bootstrap-server', '--alter'], ['kafka-configs.sh']),
  command('grep', ['-v', '-i']),
]);

describe('completionsFor', () => {
  it('offers command names (aliases included) for the first word', () => {
    expect(completionsFor('kafka-t', registry)).toEqual({ word: 'kafka-t', matches: ['kafka-topics', 'kafka-topics.sh'] });
    expect(completionsFor('', registry).matches).toHaveLength(5);
  });

  it("offers the command's options for later words", () => {
    expect(completionsFor('kafka-topics --bootstrap-server x --de', registry)).toEqual({ word: '--de', matches: ['--describe'] });
    expect(completionsFor('kafka-topics.sh --', registry).matches).toEqual(['--bootstrap-server', '--create', '--describe', '--partitions', '--topic']);
    expect(completionsFor('unknown --', registry).matches).toEqual([]);
  });

  it('starts a new command after | ; && ||', () => {
    expect(completionsFor('kafka-topics --list | gr', registry).matches).toEqual(['grep']);
    expect(completionsFor('kafka-topics --list | grep -', registry).matches).toEqual(['-i', '-v']);
    expect(completionsFor('true && kafka-c', registry).matches).toEqual(['kafka-configs', 'kafka-configs.sh']);
  });

  it('offers nothing inside an open quote', () => {
    expect(completionsFor("kafka-topics '--to", registry).matches).toEqual([]);
  });
});

describe('commonPrefix and listInColumns', () => {
  it('finds the longest shared start', () => {
    expect(commonPrefix(['kafka-topics', 'kafka-topics.sh', 'kafka-configs'])).toBe('kafka-');
    expect(commonPrefix(['a'])).toBe('a');
  });

  it('lays matches out top to bottom in columns that fit the screen', () => {
    const matches = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    expect(listInColumns(matches, 30)).toEqual(['alpha    charlie  echo', 'bravo    delta']);
    expect(listInColumns(matches, 20)).toEqual(['alpha    delta', 'bravo    echo', 'charlie']);
    expect(listInColumns(matches, 5)).toEqual(matches);
  });
});
