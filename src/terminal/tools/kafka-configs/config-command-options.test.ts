import { describe, expect, it } from 'vitest';
import { UsageError } from '../options/command-line-utils.ts';
import { OptionException } from '../options/option-parser.ts';
import { IllegalArgumentError } from './config-command-errors.ts';
import { checkArgs, parseConfigCommandOptions } from './config-command-options.ts';

const BS = ['--bootstrap-server', 'localhost:9092'];

/** The message `checkArgs` (or parsing) fails with, and whether it comes with the help table. */
function failure(args: string[]): { message: string; withHelp: boolean } {
  try {
    checkArgs(parseConfigCommandOptions(args));
  } catch (error) {
    if (error instanceof UsageError) return { message: error.message, withHelp: true };
    if (error instanceof IllegalArgumentError || error instanceof OptionException) return { message: error.message, withHelp: false };
    throw error;
  }
  throw new Error(`checkArgs accepted ${args.join(' ')}`);
}

describe('kafka-configs option checks (ConfigCommandOptions.checkArgs, 3.9)', () => {
  it('wants exactly one action, with the help table', () => {
    expect(failure([...BS, '--entity-type', 'topics', '--entity-name', 't'])).toEqual({ message: 'Command must include exactly one action: --describe, --alter', withHelp: true });
    expect(failure([...BS, '--topic', 't', '--describe', '--alter']).message).toBe('Command must include exactly one action: --describe, --alter');
    expect(failure([...BS, '--topic', 't', '--describe', '--add-config', 'a=1'])).toEqual({ message: 'Option "[describe]" can\'t be used with option "[add-config]"', withHelp: true });
  });

  it('gives the messages of KAFKA_CLI.md 6.3 (message only)', () => {
    expect(failure([...BS, '--describe'])).toEqual({ message: 'At least one entity type must be specified', withHelp: false });
    expect(failure(['--entity-type', 'topics', '--entity-name', 't', '--describe']).message).toBe(
      'Invalid entity type topics, the entity type must be one of users, brokers with a --zookeeper argument',
    );
    expect(failure(['--entity-type', 'brokers', '--describe']).message).toBe('One of the required --bootstrap-server, --boostrap-controller, or --zookeeper arguments must be specified');
    expect(failure([...BS, '--entity-type', 'topics', '--alter', '--add-config', 'a=1']).message).toBe('an entity name must be specified with --alter of topics');
    expect(failure([...BS, '--topic', 't', '--alter']).message).toBe('At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter');
    expect(failure([...BS, '--entity-type', 'brokers', '--entity-name', 'abc', '--describe']).message).toBe('The entity name for brokers must be a valid integer broker id, but it is: abc');
    expect(failure([...BS, '--broker', 'x1', '--describe']).message).toBe('The entity name for brokers must be a valid integer broker id, but it is: x1');
  });

  it('lists every type --bootstrap-server allows', () => {
    expect(failure([...BS, '--entity-type', 'groups', '--describe']).message).toBe(
      'Invalid entity type groups, the entity type must be one of topics, clients, users, brokers, ips, broker-loggers, client-metrics with a --bootstrap-server or --bootstrap-controller argument',
    );
  });

  it('checks in ConfigCommand order: the entity type before the connection', () => {
    expect(failure(['--entity-type', 'topics', '--describe']).message).toMatch(/^Invalid entity type topics/);
    expect(failure(['--describe', '--entity-type', 'users', '--entity-type', 'users']).message).toBe('Duplicate entity type(s) specified: users');
    expect(failure([...BS, '--describe', '--entity-type', 'topics', '--entity-type', 'brokers']).message).toBe("Only 'users' and 'clients' entity types may be specified together");
    expect(failure([...BS, '--describe', '--entity-type', 'topics', '--topic', 't']).message).toBe('Duplicate entity type(s) specified: topics');
    expect(failure([...BS, '--describe', '--entity-name', 't', '--topic', 't']).message).toBe('--entity-{type,name,default} should not be used in conjunction with specific entity flags');
    expect(failure([...BS, '--zookeeper', 'localhost:2181', '--describe', '--broker', '1']).message).toBe('Only one of --bootstrap-server, --boostrap-controller, and --zookeeper can be specified');
    expect(failure(['--zookeeper', 'localhost:2181', '--describe', '--broker', '1', '--all']).message).toBe('--bootstrap-server must be specified for --all');
    expect(failure([...BS, '--describe', '--broker-logger', '1', '--zk-tls-config-file', 'x']).message).toBe('Only the --zookeeper option can be used with the --zk-tls-config-file option.');
    expect(failure([...BS, '--describe', '--entity-type', 'broker-loggers']).message).toBe('an entity name must be specified with --describe of broker-loggers');
    expect(failure([...BS, '--alter', '--entity-type', 'brokers', '--add-config', 'a=1']).message).toBe(
      'an entity-name or default entity must be specified with --alter of users, clients, brokers or ips',
    );
    expect(failure([...BS, '--alter', '--topic', 't', '--add-config', 'a=1', '--add-config-file', 'f']).message).toBe('Only one of --add-config or --add-config-file must be specified');
  });

  it("reports jopt's errors as messages", () => {
    expect(failure([...BS, '--foo'])).toEqual({ message: 'foo is not a recognized option', withHelp: false });
    expect(failure([...BS, '--describe', '--entity-type', 'brokers', '--entity-name', '1', '--entity-name', '2']).message).toBe(
      'Found multiple arguments for option entity-name, but you asked for only one',
    );
  });

  it('accepts what the real tool accepts', () => {
    for (const args of [
      [...BS, '--entity-type', 'topics', '--entity-name', 'orders', '--describe'],
      [...BS, '--topic', 'orders', '--alter', '--delete-config', 'retention.ms'],
      [...BS, '--entity-type', 'brokers', '--describe'],
      [...BS, '--entity-type', 'brokers', '--entity-default', '--alter', '--add-config', 'log.cleaner.threads=2'],
      ['--zookeeper', 'localhost:2181', '--entity-type', 'brokers', '--entity-name', '1', '--describe'],
      [...BS, '--entity-type', 'users', '--entity-name', 'alice', '--entity-type', 'clients', '--entity-default', '--describe'],
    ]) {
      expect(() => checkArgs(parseConfigCommandOptions(args)), args.join(' ')).not.toThrow();
    }
  });

  it('pairs entity names and defaults with the types in command-line order, then the shortcut options', () => {
    const opts = parseConfigCommandOptions([...BS, '--entity-type', 'users', '--entity-default', '--entity-type', 'clients', '--entity-name', 'app', '--describe']);
    expect(opts.entityTypes).toEqual(['users', 'clients']);
    expect(opts.entityNames).toEqual(['', 'app']);
    const shortcuts = parseConfigCommandOptions([...BS, '--user-defaults', '--client', 'app', '--describe']);
    expect(shortcuts.entityTypes).toEqual(['clients', 'users']);
    expect(shortcuts.entityNames).toEqual(['app', '']);
    // A value that looks like an option is the option's value, not an occurrence.
    expect(parseConfigCommandOptions([...BS, '--entity-name', '--entity-default', '--describe']).entityNames).toEqual(['--entity-default']);
  });
});
