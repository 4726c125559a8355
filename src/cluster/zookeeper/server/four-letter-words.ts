/**
 * Four-letter words (`server/command/*Command.java`), answered in the formats of a real 3.8.0 server
 * (samples: shared reference ZK_4LW_SAMPLES.txt). All commands are enabled, as with
 * `4lw.commands.whitelist=*`. While a member has no quorum every command except `ruok`, `envi` and
 * `isro` answers `This ZooKeeper instance is not currently serving requests`.
 */
import { membershipLines } from './membership.ts';
import type { StorageUsage } from './storage.ts';

export const zooKeeperVersion = '3.8.0-kafkalab, built on 2026-01-01 00:00 UTC';
export const notServing = 'This ZooKeeper instance is not currently serving requests';

export const fourLetterWords = ['ruok', 'srvr', 'stat', 'mntr', 'conf', 'envi', 'isro', 'cons', 'wchs', 'wchp', 'wchc', 'dirs', 'crst', 'srst', 'dump'] as const;
export type FourLetterWord = (typeof fourLetterWords)[number];

export function isFourLetterWord(word: string): word is FourLetterWord {
  return (fourLetterWords as readonly string[]).includes(word);
}

export interface ConnectionInfo {
  remote: string;
  /** Java NIO interest ops as `stat` prints them: 1 (read) for a session, 0 for the 4lw connection itself. */
  interest: number;
  outstanding: number;
  received: number;
  sent: number;
  sessionId: bigint;
  lastOp: string;
  establishedAt: number;
  timeoutMs: number;
  lastCxid: number;
  lastZxid: bigint;
  lastResponseAt: number;
  lastLatency: number;
  minLatency: number;
  avgLatency: number;
  maxLatency: number;
}

/** What a member exposes to the four-letter words. */
export interface FourLetterSource {
  serving: boolean;
  /** `leader`, `follower`. */
  mode: string;
  serverId: number;
  clientPort: number;
  host: string;
  tickTimeMs: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  initLimit: number;
  syncLimit: number;
  lastZxid: bigint;
  nodeCount: number;
  watchCount: number;
  /** `wchs`: the data-watch table only, as a real server prints it. */
  dataWatches: { connections: number; paths: number; total: number };
  /** `wchp`: each watched path with the sessions watching it (`0x...`). */
  dataWatchesByPath(): Map<string, string[]>;
  /** `wchc`: each watching session with its paths. */
  dataWatchesBySession(): Map<bigint, string[]>;
  /** Every session of the tree and its negotiated timeout (`dump` on a follower). */
  sessions: Array<{ sessionId: bigint; timeoutMs: number }>;
  /** The leader's session deadlines (`dump` on the leader); undefined on a follower. */
  sessionDeadlines?: Array<{ sessionId: bigint; expiresAt: number }>;
  /** Sessions owning ephemeral znodes, with their paths (`dump`). */
  ephemerals: Array<{ sessionId: bigint; paths: string[] }>;
  ephemeralsCount: number;
  approximateDataSize: number;
  globalSessions: number;
  packetsReceived: number;
  packetsSent: number;
  minLatency: number;
  avgLatency: string;
  maxLatency: number;
  outstanding: number;
  uptimeMs: number;
  connections: ConnectionInfo[];
  proposalSizes: { last: number; min: number; max: number };
  /** Reply sizes in bytes (`zk_*_client_response_size`), -1 before the first. */
  responseSizes: { last: number; min: number; max: number };
  /** Leader only. */
  learners?: { total: number; synced: number; pendingSyncs: number };
  members: Array<{ id: number; clientPort: number }>;
  /** What the member's storage holds (computed on demand: `conf`, `dirs`). */
  storage(): StorageUsage;
  /** `srst`: the server's counters (srvr / stat / mntr latency, packets, response sizes). */
  resetStats(): void;
  /** `crst`: every connection's counters (cons, and stat's client lines). */
  resetConnectionStats(): void;
}

export function answerFourLetterWord(word: FourLetterWord, s: FourLetterSource): string {
  switch (word) {
    case 'ruok':
      return 'imok';
    case 'envi':
      return envi(s);
    case 'isro':
      return s.serving ? 'rw' : 'null';
  }
  if (!s.serving) return `${notServing}\n`;
  switch (word) {
    case 'srvr':
      return serverLines(s).join('\n') + '\n';
    case 'stat': {
      const [version, ...rest] = serverLines(s);
      const clients = s.connections.map((c) => ` /${c.remote}[${c.interest}](queued=${c.outstanding},recved=${c.received},sent=${c.sent})`);
      return [version, 'Clients:', ...clients, '', ...rest].join('\n') + '\n';
    }
    case 'cons':
      return s.connections.map(consLine).join('\n') + '\n\n';
    case 'mntr':
      return mntr(s);
    case 'conf':
      return conf(s);
    case 'wchs':
      return `${s.dataWatches.connections} connections watching ${s.dataWatches.paths} paths\nTotal watches:${s.dataWatches.total}\n`;
    case 'wchp':
      // `WatchManager.dumpWatches(pwriter, byPath = true)`: the path, then a tab and each session id.
      return [...s.dataWatchesByPath()].map(([path, sessions]) => `${path}\n${sessions.map((id) => `\t${id}\n`).join('')}`).join('');
    case 'wchc':
      return [...s.dataWatchesBySession()].map(([session, paths]) => `0x${session.toString(16)}\n${paths.map((path) => `\t${path}\n`).join('')}`).join('');
    case 'dirs': {
      const usage = s.storage();
      return `datadir_size: ${usage.dataDirBytes}\nlogdir_size: ${usage.logDirBytes}\n`;
    }
    case 'crst':
      s.resetConnectionStats();
      return 'Connection stats reset.\n';
    case 'srst':
      s.resetStats();
      return 'Server stats reset.\n';
    case 'dump':
      return dump(s);
  }
}

function serverLines(s: FourLetterSource): string[] {
  const lines = [
    `Zookeeper version: ${zooKeeperVersion}`,
    `Latency min/avg/max: ${s.minLatency}/${s.avgLatency}/${s.maxLatency}`,
    `Received: ${s.packetsReceived}`,
    `Sent: ${s.packetsSent}`,
    `Connections: ${s.connections.length}`,
    `Outstanding: ${s.outstanding}`,
    `Zxid: 0x${s.lastZxid.toString(16)}`,
    `Mode: ${s.mode}`,
    `Node count: ${s.nodeCount}`,
  ];
  if (s.mode === 'leader') lines.push(`Proposal sizes last/min/max: ${s.proposalSizes.last}/${s.proposalSizes.min}/${s.proposalSizes.max}`);
  return lines;
}

function consLine(c: ConnectionInfo): string {
  let line = ` /${c.remote}[${c.interest}](queued=${c.outstanding},recved=${c.received},sent=${c.sent}`;
  if (c.sessionId !== 0n) {
    line += `,sid=0x${c.sessionId.toString(16)},lop=${c.lastOp},est=${c.establishedAt},to=${c.timeoutMs}`;
    if (c.lastCxid >= 0) line += `,lcxid=0x${c.lastCxid.toString(16)}`;
    line += `,lzxid=0x${(c.lastZxid < 0n ? 0xffffffffffffffffn : c.lastZxid).toString(16)},lresp=${c.lastResponseAt},llat=${c.lastLatency},minlat=${c.minLatency},avglat=${c.avgLatency},maxlat=${c.maxLatency}`;
  }
  return `${line})`;
}

function mntr(s: FourLetterSource): string {
  const rows: Array<[string, string | number]> = [
    ['zk_version', zooKeeperVersion],
    ['zk_server_state', s.mode],
    ['zk_ephemerals_count', s.ephemeralsCount],
    ['zk_num_alive_connections', s.connections.length],
    ['zk_avg_latency', s.avgLatency],
    ['zk_outstanding_requests', s.outstanding],
    ['zk_znode_count', s.nodeCount],
    ['zk_global_sessions', s.globalSessions],
    ['zk_non_mtls_remote_conn_count', 0],
    ['zk_last_client_response_size', s.responseSizes.last],
    ['zk_packets_sent', s.packetsSent],
    ['zk_packets_received', s.packetsReceived],
    ['zk_max_client_response_size', s.responseSizes.max],
    ['zk_connection_drop_probability', '0.0'],
    ['zk_watch_count', s.watchCount],
    ['zk_auth_failed_count', 0],
    ['zk_min_latency', s.minLatency],
    ['zk_max_file_descriptor_count', 20000],
    ['zk_approximate_data_size', s.approximateDataSize],
    ['zk_open_file_descriptor_count', s.connections.length + 32],
    ['zk_local_sessions', 0],
    ['zk_uptime', s.uptimeMs],
    ['zk_max_latency', s.maxLatency],
    ['zk_min_client_response_size', s.responseSizes.min],
    ['zk_quorum_size', s.members.length],
  ];
  if (s.learners) {
    rows.push(
      ['zk_learners', s.learners.total],
      ['zk_synced_followers', s.learners.synced],
      ['zk_synced_non_voting_followers', 0],
      ['zk_synced_observers', 0],
      ['zk_pending_syncs', s.learners.pendingSyncs],
      ['zk_last_proposal_size', s.proposalSizes.last],
      ['zk_max_proposal_size', s.proposalSizes.max],
      ['zk_min_proposal_size', s.proposalSizes.min],
    );
  } else {
    rows.push(['zk_peer_state', 'following - broadcast']);
  }
  return rows.map(([key, value]) => `${key}\t${value}`).join('\n') + '\n';
}

/**
 * `conf` (`ZooKeeperServer.dumpConf` + `QuorumZooKeeperServer.dumpConf`) with this member's own values.
 * No TLS port, no listen backlog set, no per-host connection limit (`maxClientCnxns=0`, ZooKeeper's
 * "unlimited"); peers talk in-process, so their ports are -1.
 */
function conf(s: FourLetterSource): string {
  const storage = s.storage();
  const lines = [
    `clientPort=${s.clientPort}`,
    'secureClientPort=-1',
    `dataDir=${storage.dataDir}`,
    `dataDirSize=${storage.dataDirBytes}`,
    `dataLogDir=${storage.dataLogDir}`,
    `dataLogSize=${storage.logDirBytes}`,
    `tickTime=${s.tickTimeMs}`,
    'maxClientCnxns=0',
    `minSessionTimeout=${s.minSessionTimeoutMs}`,
    `maxSessionTimeout=${s.maxSessionTimeoutMs}`,
    'clientPortListenBacklog=-1',
    `serverId=${s.serverId}`,
    `initLimit=${s.initLimit}`,
    `syncLimit=${s.syncLimit}`,
    'electionAlg=3',
    'electionPort=-1',
    'quorumPort=-1',
    'peerType=0',
    'membership: ',
    ...membershipLines(s.host, s.members),
  ];
  return lines.join('\n') + '\n';
}

function envi(s: FourLetterSource): string {
  return [
    'Environment:',
    `zookeeper.version=${zooKeeperVersion}`,
    `host.name=${s.host}`,
    'java.version=embedded (TypeScript, kafkalab)',
    'java.vendor=kafkalab',
    'os.name=embedded',
    `user.dir=/zookeeper-${s.serverId}`,
  ].join('\n') + '\n';
}

/**
 * `dump`: the leader lists its sessions by expiry bucket (`Session Sets`), a follower lists the global
 * session table with timeouts; then every session that owns ephemerals, with their paths; then the
 * connections (`SessionTrackerImpl.dumpSessions`, `LearnerSessionTracker`, `DataTree.dumpEphemerals`).
 */
function dump(s: FourLetterSource): string {
  const lines = ['SessionTracker dump:'];
  if (s.sessionDeadlines) {
    const buckets = new Map<number, bigint[]>();
    for (const { sessionId, expiresAt } of s.sessionDeadlines) buckets.set(expiresAt, [...(buckets.get(expiresAt) ?? []), sessionId]);
    lines.push(`Session Sets (${buckets.size})/(${s.sessionDeadlines.length}):`);
    for (const [expiresAt, ids] of [...buckets].sort(([a], [b]) => a - b)) {
      lines.push(`${ids.length} expire at ${javaDate(expiresAt)}:`, ...ids.map((id) => `\t0x${id.toString(16)}`));
    }
  } else {
    lines.push(`Global Sessions(${s.sessions.length}):`, ...s.sessions.map((x) => `0x${x.sessionId.toString(16)}\t${x.timeoutMs}ms`));
  }
  lines.push('ephemeral nodes dump:', `Sessions with Ephemerals (${s.ephemerals.length}):`);
  for (const { sessionId, paths } of s.ephemerals) lines.push(`0x${sessionId.toString(16)}:`, ...paths.map((p) => `\t${p}`));
  lines.push('Connections dump:');
  for (const c of s.connections) lines.push(`\tip: /${c.remote} sessionId: 0x${c.sessionId.toString(16)}`);
  return lines.join('\n') + '\n';
}

/** `java.util.Date.toString()` in UTC: `Wed Nov 25 00:50:10 UTC 2026`. */
export function javaDate(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day} ${month} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
