/**
 * cp-zookeeper's environment → one kafkalab ZooKeeper member's settings. Confluent's image writes zoo.cfg
 * from it: `ZOOKEEPER_<NAME>` becomes the camelCase key (`ZOOKEEPER_CLIENT_PORT` → `clientPort`),
 * `ZOOKEEPER_SERVERS`' n-th `host:quorumPort:electionPort` becomes `server.n=...`, `ZOOKEEPER_SERVER_ID`
 * goes to `myid`, and `KAFKA_OPTS` carries JVM flags such as `-Dzookeeper.4lw.commands.whitelist=*`.
 *
 * The zoo.cfg keys kafkalab's member understands are a registry (`settings`); every other variable it is
 * given becomes a note (one line each, logged at start), never silently ignored. Bad values throw
 * `ZooKeeperEnvError`, naming the variable and what to set instead.
 */
import { fourLetterWords } from '../../cluster/zookeeper/server/four-letter-words.ts';

/** One `server.N=host:quorumPort:electionPort` entry. */
export interface ServerEntry {
  id: number;
  host: string;
  quorumPort: number;
  electionPort: number;
}

export interface ZooKeeperNodeConfig {
  /** myid. */
  id: number;
  clientPort: number;
  /** What the client port binds (`clientPortAddress`; ZooKeeper's default is every interface). */
  clientPortAddress: string;
  tickTimeMs: number;
  initLimit: number;
  syncLimit: number;
  /** Default 2 and 20 ticks, as ZooKeeper's. */
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  /** Snapshot, transaction log and epochs (kafkalab keeps them all in dataDir). */
  dataDir: string;
  /** The ensemble in id order; empty for a standalone member. */
  servers: ServerEntry[];
  /** Bind the quorum port on every interface instead of this member's own server entry host. */
  quorumListenOnAllIPs: boolean;
}

/** A variable whose value cannot work, with what to set instead. */
export class ZooKeeperEnvError extends Error {
  readonly variable: string;
  constructor(variable: string, problem: string, hint: string) {
    super(`${variable}${problem.startsWith('=') ? '' : ' '}${problem}: ${hint}`);
    this.name = 'ZooKeeperEnvError';
    this.variable = variable;
  }
}

/** cp-zookeeper's fixed data directory (the compose file mounts a volume there). */
export const defaultDataDir = '/var/lib/zookeeper/data';
/** ZooKeeper's `tickTime` when zoo.cfg has none. */
const defaultTickTimeMs = 3000;

interface Draft extends Omit<ZooKeeperNodeConfig, 'id' | 'servers' | 'clientPort' | 'minSessionTimeoutMs' | 'maxSessionTimeoutMs' | 'initLimit' | 'syncLimit'> {
  clientPort?: number;
  initLimit?: number;
  syncLimit?: number;
  minSessionTimeoutMs?: number;
  maxSessionTimeoutMs?: number;
}

interface Setting {
  /** Applies the value; returns a note when the setting is taken in a way worth saying. */
  apply(draft: Draft, value: string, variable: string): string | undefined;
}

/** zoo.cfg keys kafkalab's member understands, by key. */
const settings: Record<string, Setting> = {
  clientPort: { apply: (d, v, name) => void (d.clientPort = port(name, v)) },
  clientPortAddress: { apply: (d, v) => void (d.clientPortAddress = v.trim()) },
  tickTime: { apply: (d, v, name) => void (d.tickTimeMs = positive(name, v, 'milliseconds, e.g. 2000')) },
  initLimit: { apply: (d, v, name) => void (d.initLimit = positive(name, v, 'ticks, e.g. 10')) },
  syncLimit: { apply: (d, v, name) => void (d.syncLimit = positive(name, v, 'ticks, e.g. 5')) },
  minSessionTimeout: { apply: (d, v, name) => void (d.minSessionTimeoutMs = positive(name, v, 'milliseconds, e.g. 4000')) },
  maxSessionTimeout: { apply: (d, v, name) => void (d.maxSessionTimeoutMs = positive(name, v, 'milliseconds, e.g. 40000')) },
  dataDir: { apply: (d, v) => void (d.dataDir = v.trim()) },
  dataLogDir: { apply: (_d, v, name) => `${name}=${v}: kafkalab keeps the transaction log in dataDir, beside the snapshot; ignored` },
  /** zoo.cfg's quorumListenOnAllIPs, as cp-zookeeper's camel-casing spells ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS. */
  quorumListenOnAllIps: { apply: (d, v, name) => void (d.quorumListenOnAllIPs = flag(name, v)) },
};

/** JVM and log4j variables of Confluent's images: meaningless for a Node process. */
const jvmVariables = new Set(['KAFKA_HEAP_OPTS', 'KAFKA_JMX_OPTS', 'KAFKA_JMX_PORT', 'KAFKA_JMX_HOSTNAME', 'KAFKA_LOG4J_OPTS', 'KAFKA_JVM_PERFORMANCE_OPTS', 'KAFKA_GC_LOG_OPTS', 'KAFKA_DEBUG', 'JMX_PORT', 'EXTRA_ARGS']);

/** `ZOOKEEPER_CLIENT_PORT` → `clientPort` (cp-zookeeper's rule). */
export function zooCfgKey(variable: string): string {
  const [first, ...rest] = variable.replace(/^ZOOKEEPER_/, '').toLowerCase().split('_');
  return first + rest.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** The settings the environment describes, and one note per variable taken specially or not at all. */
export function zooKeeperConfigFromEnv(env: Readonly<Record<string, string | undefined>>): { config: ZooKeeperNodeConfig; notes: string[] } {
  const notes: string[] = [];
  const draft: Draft = { clientPortAddress: '0.0.0.0', tickTimeMs: defaultTickTimeMs, dataDir: defaultDataDir, quorumListenOnAllIPs: false };
  const names = Object.keys(env).filter((name) => env[name] !== undefined).sort();
  for (const name of names.filter((n) => n.startsWith('ZOOKEEPER_') && n !== 'ZOOKEEPER_SERVER_ID' && n !== 'ZOOKEEPER_SERVERS')) {
    const key = zooCfgKey(name);
    const setting = Object.hasOwn(settings, key) ? settings[key] : undefined;
    if (!setting) {
      notes.push(`${name}=${env[name]} (zoo.cfg ${key}): not supported by kafkalab's ZooKeeper; ignored`);
      continue;
    }
    const note = setting.apply(draft, env[name] as string, name);
    if (note) notes.push(note);
  }
  for (const name of names.filter((n) => n.startsWith('KAFKA_') || jvmVariables.has(n))) {
    if (name === 'KAFKA_OPTS') notes.push(...jvmOptionNotes(env[name] as string));
    else if (jvmVariables.has(name)) notes.push(`${name}: a JVM setting; kafkalab's ZooKeeper is a Node process; ignored`);
    else notes.push(`${name}: not a ZooKeeper setting (a Kafka broker's?); ignored`);
  }

  if (draft.clientPort === undefined) {
    throw new ZooKeeperEnvError('ZOOKEEPER_CLIENT_PORT', 'is not set', 'it is the port clients connect to and cp-zookeeper requires it; set e.g. ZOOKEEPER_CLIENT_PORT=2181');
  }
  const servers = parseServers(env.ZOOKEEPER_SERVERS);
  const id = serverId(env.ZOOKEEPER_SERVER_ID, servers);
  const tick = draft.tickTimeMs;
  for (const [variable, value] of [['ZOOKEEPER_INIT_LIMIT', draft.initLimit], ['ZOOKEEPER_SYNC_LIMIT', draft.syncLimit]] as const) {
    if (value === undefined && servers.length > 1) notes.push(`${variable} is not set (ZooKeeper itself refuses to start an ensemble without it): using ${variable === 'ZOOKEEPER_INIT_LIMIT' ? 10 : 5} ticks`);
  }
  const config: ZooKeeperNodeConfig = {
    id,
    clientPort: draft.clientPort,
    clientPortAddress: draft.clientPortAddress,
    tickTimeMs: tick,
    initLimit: draft.initLimit ?? 10,
    syncLimit: draft.syncLimit ?? 5,
    minSessionTimeoutMs: draft.minSessionTimeoutMs ?? 2 * tick,
    maxSessionTimeoutMs: draft.maxSessionTimeoutMs ?? 20 * tick,
    dataDir: draft.dataDir,
    servers: servers.length > 1 ? servers : [],
    quorumListenOnAllIPs: draft.quorumListenOnAllIPs,
  };
  if (config.minSessionTimeoutMs > config.maxSessionTimeoutMs) {
    throw new ZooKeeperEnvError('ZOOKEEPER_MIN_SESSION_TIMEOUT', `(${config.minSessionTimeoutMs} ms) is above the maximum session timeout (${config.maxSessionTimeoutMs} ms)`, 'lower it or raise ZOOKEEPER_MAX_SESSION_TIMEOUT');
  }
  if (servers.length === 1) notes.push(`ZOOKEEPER_SERVERS has one server: running standalone`);
  return { config, notes };
}

/**
 * `zookeeper-1:2888:3888;zookeeper-2:2888:3888;...`: the n-th entry is server n. An entry may end in
 * `:participant`; observers are not supported.
 */
export function parseServers(value: string | undefined): ServerEntry[] {
  if (value === undefined || value.trim() === '') return [];
  const entries = value.split(';').map((e) => e.trim());
  return entries.map((entry, index) => {
    const match = /^(\[[^\]]+\]|[^:\s]+):(\d+):(\d+)(?::(participant|observer))?$/.exec(entry);
    if (!match) {
      throw new ZooKeeperEnvError('ZOOKEEPER_SERVERS', `entry ${index + 1} ("${entry}") is not host:quorumPort:electionPort`, 'write one entry per server, separated by ";", e.g. zookeeper-1:2888:3888;zookeeper-2:2888:3888;zookeeper-3:2888:3888');
    }
    if (match[4] === 'observer') throw new ZooKeeperEnvError('ZOOKEEPER_SERVERS', `entry ${index + 1} ("${entry}") is an observer`, "kafkalab's ZooKeeper has participants only; drop :observer");
    const host = match[1].replace(/^\[(.*)\]$/, '$1');
    return { id: index + 1, host, quorumPort: port('ZOOKEEPER_SERVERS', match[2]), electionPort: port('ZOOKEEPER_SERVERS', match[3]) };
  });
}

function serverId(value: string | undefined, servers: readonly ServerEntry[]): number {
  if (value === undefined || value.trim() === '') {
    if (servers.length > 1) throw new ZooKeeperEnvError('ZOOKEEPER_SERVER_ID', 'is not set', `an ensemble member needs its id: its position in ZOOKEEPER_SERVERS (1..${servers.length})`);
    return 1;
  }
  const id = Number(value.trim());
  if (!Number.isSafeInteger(id) || id < 1) throw new ZooKeeperEnvError('ZOOKEEPER_SERVER_ID', `="${value}" is not a positive whole number`, 'set this member\'s position in ZOOKEEPER_SERVERS, e.g. 1');
  if (servers.length > 0 && id > servers.length) {
    throw new ZooKeeperEnvError('ZOOKEEPER_SERVER_ID', `=${id} has no entry in ZOOKEEPER_SERVERS (${servers.length} servers)`, `use 1..${servers.length}, or add this server to ZOOKEEPER_SERVERS`);
  }
  return id;
}

/** KAFKA_OPTS: the 4lw whitelist is answered for; every other JVM flag is noted as ignored. */
function jvmOptionNotes(value: string): string[] {
  const notes: string[] = [];
  for (const option of value.split(/\s+/).filter(Boolean)) {
    const whitelist = /^-Dzookeeper\.4lw\.commands\.whitelist=(.*)$/.exec(option);
    if (whitelist) {
      const allowed = whitelist[1].trim();
      notes.push(
        allowed === '*'
          ? `4lw.commands.whitelist=* (KAFKA_OPTS): every four-letter word is answered (${fourLetterWords.join(', ')})`
          : `4lw.commands.whitelist=${allowed} (KAFKA_OPTS): kafkalab's ZooKeeper has no whitelist; it answers every four-letter word it knows (${fourLetterWords.join(', ')})`,
      );
    } else {
      notes.push(`KAFKA_OPTS: ${option}: a JVM flag; kafkalab's ZooKeeper is a Node process; ignored`);
    }
  }
  return notes;
}

function port(variable: string, value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= 65535)) throw new ZooKeeperEnvError(variable, `has "${value.trim()}" where a port belongs`, 'use a TCP port number from 1 to 65535');
  return n;
}

function positive(variable: string, value: string, unit: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1)) throw new ZooKeeperEnvError(variable, `="${value}" is not a positive whole number`, `give it in ${unit}`);
  return n;
}

function flag(variable: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'false') return v === 'true';
  throw new ZooKeeperEnvError(variable, `="${value}" is not true or false`, 'set true or false');
}
