/**
 * `kafkalab node zookeeper`: one ZooKeeper member in this process, configured by cp-zookeeper's variables
 * (`zookeeper-env.ts`). Its data lives in dataDir (`FileStorage`), clients and four-letter words use the
 * client port, and the other members are reached over TCP on their quorum ports (`TransportPeerNetwork`);
 * with no ZOOKEEPER_SERVERS (or one entry) it runs standalone.
 *
 * Loads only the cluster library and Node: the kafkalab image has no npm packages.
 */
import type { Logger, LogLevel } from '../../cluster/logger.ts';
import { createLogger } from '../../cluster/logger.ts';
import { TcpTransport } from '../../cluster/transport/tcp-transport.ts';
import { FileStorage } from '../../cluster/zookeeper/server/file-storage.ts';
import { PeerNetwork } from '../../cluster/zookeeper/server/peer-network.ts';
import type { QuorumNetwork } from '../../cluster/zookeeper/server/peer-network.ts';
import { TransportPeerNetwork } from '../../cluster/zookeeper/server/transport-peer-network.ts';
import { ZooKeeperServer } from '../../cluster/zookeeper/server/zookeeper-server.ts';
import type { RunningNode } from './running-node.ts';
import type { ZooKeeperNodeConfig } from './zookeeper-env.ts';
import { zooKeeperConfigFromEnv } from './zookeeper-env.ts';

/**
 * How long a settled vote waits for a better one: ZooKeeper's `finalizeWait` (200 ms), but under a
 * quarter tick. Every vote heard re-arms the wait and looking members re-send theirs every tick, so a
 * wait as long as a tick (short ticks, in tests) would keep being put off.
 */
function finalizeWaitMs(tickTimeMs: number): number {
  return Math.min(200, Math.max(1, Math.floor(tickTimeMs / 4)));
}

export async function startNode(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<RunningNode> {
  const { config, notes } = zooKeeperConfigFromEnv(env);
  for (const note of notes) log(note);
  const name = `zookeeper-${config.id}`;
  const logger = createLogger((line) => log(`[${new Date(line.time).toISOString()}] ${levels[line.level]} ${line.message}${line.fields ? ` ${JSON.stringify(line.fields)}` : ''} (${line.node})`), 'info', name);
  log(summary(config));

  const transport = new TcpTransport();
  let storage: FileStorage;
  try {
    storage = new FileStorage(config.dataDir);
  } catch (error) {
    throw new Error(`cannot use dataDir ${config.dataDir} (${reason(error)}): mount a writable volume there or set ZOOKEEPER_DATA_DIR`, { cause: error });
  }
  const network = await quorumNetwork(config, transport, logger.child('quorum'));
  let server: ZooKeeperServer;
  try {
    server = await ZooKeeperServer.start({
      id: config.id,
      members: members(config),
      transport,
      host: config.clientPortAddress,
      clientPort: config.clientPort,
      network,
      storage,
      tickTimeMs: config.tickTimeMs,
      minSessionTimeoutMs: config.minSessionTimeoutMs,
      maxSessionTimeoutMs: config.maxSessionTimeoutMs,
      initLimit: config.initLimit,
      syncLimit: config.syncLimit,
      finalizeWaitMs: finalizeWaitMs(config.tickTimeMs),
      logger,
    });
  } catch (error) {
    if (network instanceof TransportPeerNetwork) await network.close();
    if (!isListenError(error)) throw new Error(`cannot start with the data in ${config.dataDir} (${reason(error)})`, { cause: error });
    throw new Error(`cannot listen on the client port ${config.clientPortAddress}:${config.clientPort} (${reason(error)}): free the port or change ZOOKEEPER_CLIENT_PORT`, { cause: error });
  }
  return {
    async stop() {
      await server.stop();
      if (network instanceof TransportPeerNetwork) await network.close();
    },
  };
}

const levels: Record<LogLevel, string> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

/** The ensemble's links over TCP, or an in-process network of one for a standalone member. */
async function quorumNetwork(config: ZooKeeperNodeConfig, transport: TcpTransport, logger: Logger): Promise<QuorumNetwork> {
  if (config.servers.length === 0) return new PeerNetwork();
  const own = config.servers[config.id - 1];
  const listenHost = config.quorumListenOnAllIPs ? '0.0.0.0' : own.host;
  try {
    return await TransportPeerNetwork.start({
      transport,
      id: config.id,
      listenHost,
      listenPort: own.quorumPort,
      peers: config.servers.filter((s) => s.id !== config.id).map((s) => ({ id: s.id, host: s.host, port: s.quorumPort })),
      // As the leader pings its followers: every half tick, and syncLimit ticks of silence is too many.
      heartbeatMs: Math.max(1, Math.floor(config.tickTimeMs / 2)),
      silenceLimitMs: config.syncLimit * config.tickTimeMs,
      logger,
    });
  } catch (error) {
    throw new Error(
      `cannot listen on the quorum port ${listenHost}:${own.quorumPort} (${reason(error)}): server.${config.id} in ZOOKEEPER_SERVERS must name this machine (or set ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS=true) and the port must be free`,
      { cause: error },
    );
  }
}

function members(config: ZooKeeperNodeConfig) {
  if (config.servers.length === 0) return [{ id: config.id, clientPort: config.clientPort }];
  return config.servers.map((s) => ({
    id: s.id,
    clientPort: s.id === config.id ? config.clientPort : 0,
    peer: { host: s.host, quorumPort: s.quorumPort, electionPort: s.electionPort },
  }));
}

/** One line with every setting in force, as ZooKeeper prints its zoo.cfg at start. */
function summary(config: ZooKeeperNodeConfig): string {
  const ensemble = config.servers.length === 0 ? 'standalone' : `ensemble ${config.servers.map((s) => `server.${s.id}=${s.host}:${s.quorumPort}:${s.electionPort}`).join(' ')}`;
  return `ZooKeeper member ${config.id}: clientPort=${config.clientPort} clientPortAddress=${config.clientPortAddress} tickTime=${config.tickTimeMs} initLimit=${config.initLimit} syncLimit=${config.syncLimit} minSessionTimeout=${config.minSessionTimeoutMs} maxSessionTimeout=${config.maxSessionTimeoutMs} dataDir=${config.dataDir}; ${ensemble}`;
}

/** Binding a port failed (in use, not allowed, or an address this machine does not have). */
function isListenError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
