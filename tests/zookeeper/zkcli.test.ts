/** zkCli.sh (Debian zookeeper 3.8, the Java client) against the embedded ensemble over TCP. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPeer } from '../support/peers.ts';
import { run, zkCli } from './helpers/peers.ts';
import { startTcpEnsemble } from './helpers/tcp-ensemble.ts';
import type { TcpEnsemble } from './helpers/tcp-ensemble.ts';

/** zkCli prints results on stderr and events on stdout: run it with both merged, in order. */
async function zkCliRun(args: string[], input = ''): Promise<string> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = await run('sh', ['-c', `exec ${zkCli} ${quoted} 2>&1`], { input, timeoutMs: 60_000 });
  expect(result.code).toBe(0);
  return result.stdout.split('\n').filter((line) => !line.startsWith('SLF4J:')).join('\n');
}

/** Runs commands in one zkCli session (stdin, like a learner typing). */
function zkCliSession(server: string, commands: string[]): Promise<string> {
  return zkCliRun(['-server', server], `${commands.join('\n')}\nquit\n`);
}

describeWithPeer('zkCli', 'zkCli.sh against the embedded ensemble', () => {
  let ensemble: TcpEnsemble;
  beforeAll(async () => {
    ensemble = await startTcpEnsemble();
  });
  afterAll(() => ensemble?.zk.close());

  it('runs a lesson-style session: create, get, stat, set with versions, watches, ls, getAcl, deleteall', async () => {
    const out = await zkCliSession(ensemble.zk.connectString(), [
      'ls /',
      'create /demo hello',
      'get /demo',
      'stat /demo',
      'get -w /demo',
      'set /demo world',
      'set -v 0 /demo stale',
      'create -e /demo/eph x',
      'create -s /demo/seq- y',
      'create -s /demo/seq- z',
      'ls /demo',
      'getAcl /demo',
      'create /demo/eph/child x',
      'deleteall /demo',
      'ls /',
      'stat /',
    ]);
    expect(out).toContain('WatchedEvent state:SyncConnected type:None path:null');
    expect(out).toMatch(/\[zookeeper\]\nCreated \/demo\nhello\n/);
    expect(out).toMatch(/cZxid = 0x1000000\w+\nctime = .+\nmZxid = 0x1000000\w+\nmtime = .+\npZxid = 0x1000000\w+\ncversion = 0\ndataVersion = 0\naclVersion = 0\nephemeralOwner = 0x0\ndataLength = 5\nnumChildren = 0\n/);
    expect(out).toContain('WatchedEvent state:SyncConnected type:NodeDataChanged path:/demo');
    expect(out).toContain('version No is not valid : /demo');
    expect(out).toMatch(/Created \/demo\/eph\nCreated \/demo\/seq-0000000001\nCreated \/demo\/seq-0000000002\n\[eph, seq-0000000001, seq-0000000002\]\n/);
    expect(out).toContain("'world,'anyone\n: cdrwa");
    expect(out).toContain('Ephemerals cannot have children: /demo/eph/child');
    // After deleteall (getChildren walk + one multi): only /zookeeper is left; / shows ZooKeeper's cversion arithmetic.
    expect(out).toMatch(/\[zookeeper\]\ncZxid = 0x0\nctime = Thu Jan 01 00:00:00 UTC 1970\n/);
    expect(out).toMatch(/cversion = 1\ndataVersion = 0\naclVersion = 0\nephemeralOwner = 0x0\ndataLength = 0\nnumChildren = 1\n/);
    expect(out).toContain('WatchedEvent state:Closed type:None path:null');
  });

  it('answers like a 3.8 server: addWatch keeps the connection, getAcl needs READ|ADMIN, whoami, reconfig, config, containers', async () => {
    const out = await zkCliSession(ensemble.zk.connectString().split(',')[0], [
      'addWatch -m PERSISTENT_RECURSIVE /pw',
      'create /pw a',
      'create /pw/c b',
      'set /pw/c c',
      'ls /pw',
      'create /acl x',
      'setAcl /acl world:anyone:c',
      'getAcl /acl',
      'addauth digest alice:secret',
      'addauth digest bob:x',
      'whoami',
      'reconfig -remove 3',
      'get /zookeeper/config',
      'create -c /cont',
      'stat /cont',
    ]);
    // addWatch's reply carries an ErrorResponse body; without it zkCli dropped the connection (ConnectionLoss).
    expect(out).not.toContain('ConnectionLoss');
    expect(out).not.toContain('state:Disconnected');
    expect(out).toContain('WatchedEvent state:SyncConnected type:NodeCreated path:/pw\n');
    expect(out).toContain('WatchedEvent state:SyncConnected type:NodeCreated path:/pw/c\n');
    expect(out).toContain('WatchedEvent state:SyncConnected type:NodeDataChanged path:/pw/c\n');
    expect(out).toContain('Created /acl\nInsufficient permission : /acl\n');
    expect(out).toContain('Auth scheme: User\ndigest: alice\ndigest: bob\nip: 127.0.0.1\n');
    expect(out).toContain('KeeperErrorCode = Reconfig is disabled\n');
    expect(out).toMatch(/\nserver\.1=127\.0\.0\.1:-1:-1:participant;127\.0\.0\.1:\d+\nserver\.2=127\.0\.0\.1:-1:-1:participant;127\.0\.0\.1:\d+\nserver\.3=127\.0\.0\.1:-1:-1:participant;127\.0\.0\.1:\d+\nversion=0\n/);
    // A container keeps its marker owner inside, but clients see ephemeralOwner 0x0.
    expect(out).toMatch(/Created \/cont\n(.+\n){8}ephemeralOwner = 0x0\ndataLength = 0\nnumChildren = 0\n/);
  });

  // Not a failover test: zkCli's one-shot mode sends its command without waiting for a connection, so
  // when the shuffled list starts with a dead member it prints ConnectionLoss (Java client behaviour).
  it('runs one-shot commands through the whole connect string and through a single follower', async () => {
    const { zk } = ensemble;
    expect(await zkCliRun(['-server', zk.connectString(), 'create', '/oneshot', 'v'])).toContain('Created /oneshot');
    const follower = zk.status().find((s) => s.mode === 'follower')?.id as number;
    expect(await zkCliRun(['-server', ensemble.address(follower), 'get', '/oneshot'])).toMatch(/\nv\n/);
  });
});
