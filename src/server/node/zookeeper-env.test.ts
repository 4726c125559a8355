import { describe, expect, it } from 'vitest';
import { parseServers, zooCfgKey, zooKeeperConfigFromEnv, ZooKeeperEnvError } from './zookeeper-env.ts';

/** docker-compose.yml's zookeeper-2, as written there. */
const composeMember = {
  ZOOKEEPER_SERVER_ID: '2',
  ZOOKEEPER_CLIENT_PORT: '2181',
  ZOOKEEPER_TICK_TIME: '2000',
  ZOOKEEPER_INIT_LIMIT: '10',
  ZOOKEEPER_SYNC_LIMIT: '5',
  ZOOKEEPER_SERVERS: 'zookeeper-1:2888:3888;zookeeper-2:2888:3888;zookeeper-3:2888:3888',
  KAFKA_OPTS: '-Dzookeeper.4lw.commands.whitelist=*',
};

function errorOf(env: Record<string, string>): ZooKeeperEnvError {
  try {
    zooKeeperConfigFromEnv(env);
  } catch (error) {
    if (error instanceof ZooKeeperEnvError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('zooKeeperConfigFromEnv', () => {
  it("translates the compose file's member: id, ports, ticks, the ensemble, cp-zookeeper's dataDir", () => {
    const { config, notes } = zooKeeperConfigFromEnv({ ...composeMember, PATH: '/usr/bin', HOSTNAME: 'zookeeper-2' });
    expect(config).toEqual({
      id: 2,
      clientPort: 2181,
      clientPortAddress: '0.0.0.0',
      tickTimeMs: 2000,
      initLimit: 10,
      syncLimit: 5,
      minSessionTimeoutMs: 4000,
      maxSessionTimeoutMs: 40000,
      dataDir: '/var/lib/zookeeper/data',
      servers: [
        { id: 1, host: 'zookeeper-1', quorumPort: 2888, electionPort: 3888 },
        { id: 2, host: 'zookeeper-2', quorumPort: 2888, electionPort: 3888 },
        { id: 3, host: 'zookeeper-3', quorumPort: 2888, electionPort: 3888 },
      ],
      quorumListenOnAllIPs: false,
    });
    // The whitelist is answered for; PATH and HOSTNAME are not ZooKeeper's business.
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^4lw\.commands\.whitelist=\* \(KAFKA_OPTS\): every four-letter word is answered \(ruok, srvr, stat, mntr, /);
  });

  it('logs one line per variable it does not support, and per JVM flag', () => {
    const { notes } = zooKeeperConfigFromEnv({
      ...composeMember,
      ZOOKEEPER_MAX_CLIENT_CNXNS: '60',
      ZOOKEEPER_AUTOPURGE_PURGE_INTERVAL: '1',
      ZOOKEEPER_DATA_LOG_DIR: '/var/lib/zookeeper/log',
      KAFKA_OPTS: '-Dzookeeper.4lw.commands.whitelist=srvr,ruok -Xmx256m',
      KAFKA_HEAP_OPTS: '-Xmx512M',
      KAFKA_BROKER_ID: '1',
    });
    expect(notes).toEqual([
      'ZOOKEEPER_AUTOPURGE_PURGE_INTERVAL=1 (zoo.cfg autopurgePurgeInterval): not supported by kafkalab\'s ZooKeeper; ignored',
      'ZOOKEEPER_DATA_LOG_DIR=/var/lib/zookeeper/log: kafkalab keeps the transaction log in dataDir, beside the snapshot; ignored',
      'ZOOKEEPER_MAX_CLIENT_CNXNS=60 (zoo.cfg maxClientCnxns): not supported by kafkalab\'s ZooKeeper; ignored',
      'KAFKA_BROKER_ID: not a ZooKeeper setting (a Kafka broker\'s?); ignored',
      'KAFKA_HEAP_OPTS: a JVM setting; kafkalab\'s ZooKeeper is a Node process; ignored',
      expect.stringMatching(/^4lw\.commands\.whitelist=srvr,ruok \(KAFKA_OPTS\): kafkalab's ZooKeeper has no whitelist; it answers every four-letter word it knows \(ruok, srvr/),
      'KAFKA_OPTS: -Xmx256m: a JVM flag; kafkalab\'s ZooKeeper is a Node process; ignored',
    ]);
  });

  it('takes the optional zoo.cfg keys it knows: dataDir, clientPortAddress, session bounds, quorumListenOnAllIPs', () => {
    const { config, notes } = zooKeeperConfigFromEnv({
      ZOOKEEPER_CLIENT_PORT: '12181',
      ZOOKEEPER_CLIENT_PORT_ADDRESS: '127.0.0.1',
      ZOOKEEPER_DATA_DIR: '/tmp/zk',
      ZOOKEEPER_MIN_SESSION_TIMEOUT: '1000',
      ZOOKEEPER_MAX_SESSION_TIMEOUT: '9000',
      ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS: 'true',
    });
    expect(config).toMatchObject({ id: 1, clientPort: 12181, clientPortAddress: '127.0.0.1', dataDir: '/tmp/zk', minSessionTimeoutMs: 1000, maxSessionTimeoutMs: 9000, quorumListenOnAllIPs: true, servers: [], tickTimeMs: 3000 });
    expect(notes).toEqual([]);
  });

  it('runs standalone without ZOOKEEPER_SERVERS or with one entry, and says so for the entry', () => {
    expect(zooKeeperConfigFromEnv({ ZOOKEEPER_CLIENT_PORT: '2181' }).config.servers).toEqual([]);
    const one = zooKeeperConfigFromEnv({ ZOOKEEPER_CLIENT_PORT: '2181', ZOOKEEPER_SERVER_ID: '1', ZOOKEEPER_SERVERS: 'zookeeper-1:2888:3888' });
    expect(one.config.servers).toEqual([]);
    expect(one.notes).toEqual(['ZOOKEEPER_SERVERS has one server: running standalone']);
  });

  it('notes the limits an ensemble needs when they are missing', () => {
    const { ZOOKEEPER_INIT_LIMIT: _init, ZOOKEEPER_SYNC_LIMIT: _sync, ...rest } = composeMember;
    const { config, notes } = zooKeeperConfigFromEnv(rest);
    expect([config.initLimit, config.syncLimit]).toEqual([10, 5]);
    expect(notes.filter((n) => n.includes('_LIMIT'))).toEqual([
      'ZOOKEEPER_INIT_LIMIT is not set (ZooKeeper itself refuses to start an ensemble without it): using 10 ticks',
      'ZOOKEEPER_SYNC_LIMIT is not set (ZooKeeper itself refuses to start an ensemble without it): using 5 ticks',
    ]);
  });

  it('refuses what cannot work, naming the variable and what to set', () => {
    const { ZOOKEEPER_CLIENT_PORT: _port, ...noPort } = composeMember;
    expect(errorOf(noPort).message).toBe('ZOOKEEPER_CLIENT_PORT is not set: it is the port clients connect to and cp-zookeeper requires it; set e.g. ZOOKEEPER_CLIENT_PORT=2181');
    expect(errorOf({ ...composeMember, ZOOKEEPER_CLIENT_PORT: '70000' }).message).toBe('ZOOKEEPER_CLIENT_PORT has "70000" where a port belongs: use a TCP port number from 1 to 65535');
    expect(errorOf({ ...composeMember, ZOOKEEPER_TICK_TIME: '2s' }).message).toBe('ZOOKEEPER_TICK_TIME="2s" is not a positive whole number: give it in milliseconds, e.g. 2000');
    expect(errorOf({ ...composeMember, ZOOKEEPER_SERVER_ID: '4' }).message).toBe('ZOOKEEPER_SERVER_ID=4 has no entry in ZOOKEEPER_SERVERS (3 servers): use 1..3, or add this server to ZOOKEEPER_SERVERS');
    const { ZOOKEEPER_SERVER_ID: _id, ...noId } = composeMember;
    expect(errorOf(noId).variable).toBe('ZOOKEEPER_SERVER_ID');
    expect(errorOf({ ...composeMember, ZOOKEEPER_SERVERS: 'zookeeper-1:2888:3888,zookeeper-2:2888:3888' }).message).toMatch(/^ZOOKEEPER_SERVERS entry 1 \("zookeeper-1:2888:3888,zookeeper-2:2888:3888"\) is not host:quorumPort:electionPort: write one entry per server, separated by ";"/);
    expect(errorOf({ ...composeMember, ZOOKEEPER_SERVERS: 'a:2888:3888;b:2888:3888:observer' }).message).toContain('is an observer');
    expect(errorOf({ ...composeMember, ZOOKEEPER_MIN_SESSION_TIMEOUT: '50000' }).variable).toBe('ZOOKEEPER_MIN_SESSION_TIMEOUT');
    expect(errorOf({ ...composeMember, ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS: 'yes' }).message).toContain('is not true or false');
  });
});

describe('parseServers and zooCfgKey', () => {
  it("reads host:quorumPort:electionPort entries (IPv6 in brackets, an optional :participant) in id order", () => {
    expect(parseServers(' 127.0.0.1:2888:3888 ; [::1]:2889:3889:participant ')).toEqual([
      { id: 1, host: '127.0.0.1', quorumPort: 2888, electionPort: 3888 },
      { id: 2, host: '::1', quorumPort: 2889, electionPort: 3889 },
    ]);
  });

  it("camel-cases cp-zookeeper's variable names into zoo.cfg keys", () => {
    expect(['ZOOKEEPER_CLIENT_PORT', 'ZOOKEEPER_TICK_TIME', 'ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS'].map(zooCfgKey)).toEqual(['clientPort', 'tickTime', 'quorumListenOnAllIps']);
  });
});
