/** The pure parts of zookeeper-shell: commons-cli parsing, ZooKeeperMain's word splitting, path checks, the stat block. */
import { describe, expect, it } from 'vitest';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { parseCommandLine } from './cli-options.ts';
import type { CliOption } from './cli-options.ts';
import { commandWords, parseInvocation } from './command-words.ts';
import { invalidPathMessage } from './path-utils.ts';
import { statBlock } from './stat-printer.ts';

const createOptions: CliOption[] = [
  { name: 'e', hasArg: false, description: 'ephemeral' },
  { name: 's', hasArg: false, description: 'sequential' },
  { name: 't', hasArg: true, description: 'ttl' },
];

describe('commons-cli DefaultParser (as the shell commands use it)', () => {
  it('takes flags anywhere, concatenated flags and attached values', () => {
    const line = parseCommandLine(createOptions, ['create', '/a', '-es', 'data', '-t5']);
    expect(line.args).toEqual(['create', '/a', 'data']);
    expect([line.has('e'), line.has('s'), line.value('t')]).toEqual([true, true, '5']);
    expect(parseCommandLine(createOptions, ['create', '-t', '-1', '/a']).value('t')).toBe('-1');
    expect(parseCommandLine(createOptions, ['create', '--', '-e']).args).toEqual(['create', '-e']);
  });

  it("fails with commons-cli's exceptions", () => {
    expect(() => parseCommandLine(createOptions, ['create', '-x', '/a'])).toThrow('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x');
    expect(() => parseCommandLine(createOptions, ['create', '-ex', '/a'])).toThrow('Unrecognized option: -ex');
    expect(() => parseCommandLine(createOptions, ['create', '/a', '-t'])).toThrow('org.apache.commons.cli.MissingArgumentException: Missing argument for option: t');
  });
});

describe("ZooKeeperMain's words", () => {
  it('splits a line at blanks, keeping quoted text together without its quotes', () => {
    expect(commandWords('  create /a "hello world"  ')).toEqual(['create', '/a', 'hello world']);
    expect(commandWords("set /a 'x y'")).toEqual(['set', '/a', 'x y']);
    expect(commandWords('"')).toEqual([]);
  });

  it('reads the invocation: -server, -timeout, then the one-shot command', () => {
    expect(parseInvocation(['-server', 'localhost:12181', 'ls', '/brokers'])).toEqual({ server: 'localhost:12181', timeout: '30000', command: ['ls', '/brokers'] });
    expect(parseInvocation(['-server', 'h:1', '-timeout', '5000'])).toEqual({ server: 'h:1', timeout: '5000', command: undefined });
    // `zookeeper-shell -server h:1`: the script adds its own -server, so `-server` is the address and h:1 a command.
    expect(parseInvocation(['-server', '-server', 'h:1'])).toMatchObject({ server: '-server', command: ['h:1'] });
  });
});

describe("PathUtils.validatePath's messages", () => {
  it.each([
    ['/', undefined],
    ['/brokers/ids', undefined],
    ['brokers', 'Path must start with / character'],
    ['/brokers/', 'Path must not end with / character'],
    ['/a//b', 'Invalid path string "/a//b" caused by empty node name specified @3'],
    ['/a/../b', 'Invalid path string "/a/../b" caused by relative paths not allowed @4'],
    ['/a\u0001', 'Invalid path string "/a\u0001" caused by invalid character @2'],
  ])('%j', (path, message) => {
    expect(invalidPathMessage(path)).toBe(message);
  });
});

describe('StatPrinter', () => {
  it('prints the stat block of KAFKA_CLI.md 7.4 byte for byte', () => {
    const at = BigInt(Date.UTC(2024, 10, 11, 2, 40, 12));
    const block = statBlock(testToolEnvironment(), {
      czxid: 0x1an,
      ctime: at,
      mzxid: 0x1an,
      mtime: at,
      pzxid: 0x1an,
      cversion: 0,
      version: 0,
      aversion: 0,
      ephemeralOwner: 0x100006bd6a40000n,
      dataLength: 82,
      numChildren: 0,
    });
    expect(block).toBe(
      'cZxid = 0x1a\nctime = Mon Nov 11 02:40:12 UTC 2024\nmZxid = 0x1a\nmtime = Mon Nov 11 02:40:12 UTC 2024\npZxid = 0x1a\n' +
        'cversion = 0\ndataVersion = 0\naclVersion = 0\nephemeralOwner = 0x100006bd6a40000\ndataLength = 82\nnumChildren = 0\n',
    );
  });

  it('writes times in the local zone as Java names a zone known by its offset', () => {
    const env = { ...testToolEnvironment(), timezoneOffset: () => -60 };
    const at = BigInt(Date.UTC(2024, 0, 5, 23, 30, 0));
    expect(statBlock(env, { czxid: 1n, ctime: at, mzxid: 1n, mtime: at, pzxid: 1n, cversion: 0, version: 0, aversion: 0, ephemeralOwner: 0n, dataLength: 0, numChildren: 0 })).toContain(
      'ctime = Sat Jan 06 00:30:00 GMT+01:00 2024\n',
    );
  });
});
