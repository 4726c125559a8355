/**
 * kafka-configs' options and their checks, as Kafka 3.9's `ConfigCommand.ConfigCommandOptions`
 * declares and checks them (`checkArgs`), in the same order, so the first mistake reported is the same.
 *
 * A failed check is an `IllegalArgumentError` (the tool prints only the message, exit 1) except the
 * action check, which prints the help table too (`printUsageAndExit`).
 */
import { parseJavaInteger, parseOptions } from '../options/option-parser.ts';
import type { OptionSpec, ParsedOptions } from '../options/option-parser.ts';
import { UsageError } from '../options/command-line-utils.ts';
import { IllegalArgumentError } from './config-command-errors.ts';

export const CONFIG_COMMAND_OPTIONS: readonly OptionSpec[] = [
  { name: 'help' },
  { name: 'version' },
  { name: 'zookeeper', argument: 'required' },
  { name: 'bootstrap-server', argument: 'required' },
  { name: 'bootstrap-controller', argument: 'required' },
  { name: 'command-config', argument: 'required' },
  { name: 'alter' },
  { name: 'describe' },
  { name: 'all' },
  { name: 'entity-type', argument: 'required' },
  { name: 'entity-name', argument: 'required' },
  { name: 'entity-default' },
  { name: 'add-config', argument: 'required' },
  { name: 'add-config-file', argument: 'required' },
  { name: 'delete-config', argument: 'required' },
  { name: 'force' },
  { name: 'topic', argument: 'required' },
  { name: 'client', argument: 'required' },
  { name: 'client-defaults' },
  { name: 'user', argument: 'required' },
  { name: 'user-defaults' },
  { name: 'broker', argument: 'required' },
  { name: 'broker-defaults' },
  { name: 'broker-logger', argument: 'required' },
  { name: 'ip-defaults' },
  { name: 'ip', argument: 'required' },
  { name: 'zk-tls-config-file', argument: 'required' },
];

export const TOPICS = 'topics';
export const CLIENTS = 'clients';
export const USERS = 'users';
export const BROKERS = 'brokers';
export const IPS = 'ips';
export const BROKER_LOGGERS = 'broker-loggers';
export const CLIENT_METRICS = 'client-metrics';

/** `ConfigType.ALL :+ broker-loggers :+ client-metrics`. */
const BROKER_SUPPORTED_TYPES = [TOPICS, CLIENTS, USERS, BROKERS, IPS, BROKER_LOGGERS, CLIENT_METRICS];
const ZK_SUPPORTED_TYPES = [USERS, BROKERS];

/** The shortcut options (`--topic t`) and the entity type each stands for. */
const ENTITY_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['topic', TOPICS],
  ['client', CLIENTS],
  ['user', USERS],
  ['broker', BROKERS],
  ['broker-logger', BROKER_LOGGERS],
  ['ip', IPS],
];
const ENTITY_DEFAULT_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['client-defaults', CLIENTS],
  ['user-defaults', USERS],
  ['broker-defaults', BROKERS],
  ['ip-defaults', IPS],
];

/** The parsed command line with what ConfigCommand derives from it. */
export interface ConfigCommandOptions {
  readonly options: ParsedOptions;
  /** `--entity-type` values, then the types of the shortcut options present. */
  readonly entityTypes: readonly string[];
  /** `--entity-name` / `--entity-default` ("") in command-line order, then the shortcuts' names ("" for defaults). */
  readonly entityNames: readonly string[];
}

/**
 * The options present in command-line order, repeats included (jopt's `OptionSet.specs()`), which
 * ConfigCommand uses to pair `--entity-name` and `--entity-default` with the entity types.
 */
function optionOccurrences(args: readonly string[]): string[] {
  const byName = new Map(CONFIG_COMMAND_OPTIONS.map((spec) => [spec.name, spec]));
  const found: string[] = [];
  for (let index = 0; index < args.length; ) {
    const word = args[index++];
    if (word === '--') break;
    if (!word.startsWith('-') || word === '-') continue;
    const body = word.replace(/^--?/, '');
    const name = body.includes('=') ? body.slice(0, body.indexOf('=')) : body;
    const spec = byName.get(name);
    if (!spec) continue;
    found.push(name);
    if (spec.argument === 'required' && !body.includes('=')) index++;
  }
  return found;
}

export function parseConfigCommandOptions(args: readonly string[]): ConfigCommandOptions {
  const options = parseOptions(CONFIG_COMMAND_OPTIONS, args);
  const entityTypes = [
    ...options.valuesOf('entity-type'),
    ...[...ENTITY_FLAGS, ...ENTITY_DEFAULT_FLAGS].filter(([flag]) => options.has(flag)).map(([, type]) => type),
  ];
  const names = options.valuesOf('entity-name');
  const entityNames = [
    ...optionOccurrences(args)
      .filter((name) => name === 'entity-name' || name === 'entity-default')
      .map((name) => (name === 'entity-name' ? (names.shift() ?? '') : '')),
    ...ENTITY_FLAGS.filter(([flag]) => options.has(flag)).map(([flag]) => options.valueOf(flag)!),
    ...ENTITY_DEFAULT_FLAGS.filter(([flag]) => options.has(flag)).map(() => ''),
  ];
  return { options, entityTypes, entityNames };
}

/** Scala's `Seq#diff`: what is left of `all` after removing one of each element of `distinct`. */
function duplicates(all: readonly string[]): string[] {
  const left = [...all];
  for (const value of new Set(all)) left.splice(left.indexOf(value), 1);
  return left;
}

/** `ConfigCommandOptions.checkArgs()`. */
export function checkArgs(opts: ConfigCommandOptions): void {
  const { options, entityTypes, entityNames } = opts;
  const actions = ['alter', 'describe'].filter((action) => options.has(action)).length;
  if (actions !== 1) throw new UsageError('Command must include exactly one action: --describe, --alter');
  for (const other of ['alter', 'add-config', 'delete-config']) {
    if (options.has('describe') && options.has(other)) throw new UsageError(`Option "[describe]" can't be used with option "[${other}]"`);
  }

  const extra = duplicates(entityTypes);
  if (extra.length > 0) throw new IllegalArgumentError(`Duplicate entity type(s) specified: ${extra.join(',')}`);

  const viaBroker = options.has('bootstrap-server') || options.has('bootstrap-controller');
  const [allowed, connectOption] = viaBroker ? [BROKER_SUPPORTED_TYPES, '--bootstrap-server or --bootstrap-controller'] : [ZK_SUPPORTED_TYPES, '--zookeeper'];
  for (const type of entityTypes) {
    if (!allowed.includes(type)) throw new IllegalArgumentError(`Invalid entity type ${type}, the entity type must be one of ${allowed.join(', ')} with a ${connectOption} argument`);
  }
  if (entityTypes.length === 0) throw new IllegalArgumentError('At least one entity type must be specified');
  if (entityTypes.length > 1 && !(entityTypes.length === 2 && entityTypes.includes(USERS) && entityTypes.includes(CLIENTS))) {
    throw new IllegalArgumentError(`Only '${USERS}' and '${CLIENTS}' entity types may be specified together`);
  }

  const usesEntityOptions = options.has('entity-name') || options.has('entity-type') || options.has('entity-default');
  if (usesEntityOptions && [...ENTITY_FLAGS, ...ENTITY_DEFAULT_FLAGS].some(([flag]) => options.has(flag))) {
    throw new IllegalArgumentError('--entity-{type,name,default} should not be used in conjunction with specific entity flags');
  }

  const hasEntityName = entityNames.some((name) => name !== '');
  const hasEntityDefault = entityNames.some((name) => name === '');

  const connectOptions = ['bootstrap-server', 'bootstrap-controller', 'zookeeper'].filter((name) => options.has(name)).length;
  if (connectOptions === 0) throw new IllegalArgumentError('One of the required --bootstrap-server, --boostrap-controller, or --zookeeper arguments must be specified');
  if (connectOptions > 1) throw new IllegalArgumentError('Only one of --bootstrap-server, --boostrap-controller, and --zookeeper can be specified');

  if (options.has('all') && options.has('zookeeper')) throw new IllegalArgumentError('--bootstrap-server must be specified for --all');
  if (options.has('zk-tls-config-file') && !options.has('zookeeper')) {
    throw new IllegalArgumentError('Only the --zookeeper option can be used with the --zk-tls-config-file option.');
  }
  if (hasEntityName && (entityTypes.includes(BROKERS) || entityTypes.includes(BROKER_LOGGERS))) {
    for (const option of ['entity-name', 'broker', 'broker-logger'].filter((name) => options.has(name))) {
      const brokerId = options.valueOf(option) ?? '';
      if (parseJavaInteger(brokerId) === undefined) {
        throw new IllegalArgumentError(`The entity name for ${entityTypes[0]} must be a valid integer broker id, but it is: ${brokerId}`);
      }
    }
  }
  if (hasEntityName && entityTypes.includes(IPS)) {
    for (const option of ['entity-name', 'ip'].filter((name) => options.has(name))) {
      const ip = options.valueOf(option) ?? '';
      if (!isValidIpEntity(ip)) throw new IllegalArgumentError(`The entity name for ${entityTypes[0]} must be a valid IP or resolvable host, but it is: ${ip}`);
    }
  }
  if (options.has('describe') && entityTypes.includes(BROKER_LOGGERS) && !hasEntityName) {
    throw new IllegalArgumentError(`an entity name must be specified with --describe of ${entityTypes.join(',')}`);
  }
  if (options.has('alter')) {
    if ([USERS, CLIENTS, BROKERS, IPS].some((type) => entityTypes.includes(type))) {
      if (!hasEntityName && !hasEntityDefault) {
        throw new IllegalArgumentError('an entity-name or default entity must be specified with --alter of users, clients, brokers or ips');
      }
    } else if (!hasEntityName) throw new IllegalArgumentError(`an entity name must be specified with --alter of ${entityTypes.join(',')}`);
    const addConfig = options.has('add-config');
    const addConfigFile = options.has('add-config-file');
    if (addConfig && addConfigFile) throw new IllegalArgumentError('Only one of --add-config or --add-config-file must be specified');
    if (!addConfig && !addConfigFile && !options.has('delete-config')) {
      throw new IllegalArgumentError('At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter');
    }
  }
}

/**
 * `DynamicConfig.Ip.isValidIpEntity`: `<default>` or what `InetAddress.getByName` accepts. Without
 * name resolution here, IP literals and `localhost` pass; other host names are taken as unresolvable.
 */
function isValidIpEntity(ip: string): boolean {
  if (ip === '<default>' || ip === 'localhost' || ip === '') return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return ip.split('.').every((part) => Number(part) <= 255);
  return /^\[?[0-9a-fA-F:.]+\]?$/.test(ip) && ip.includes(':');
}

