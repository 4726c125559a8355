/**
 * Hosts an embedded 3-member ZooKeeper ensemble alone in a fresh Node process, so a benchmark can time
 * its cold start from spawn and measure its memory without the benchmark's client load in the same heap.
 * Prints one `ready` JSON line once every member serves (connect string, timings, RSS before and after
 * the ensemble started), then serves until stdin closes.
 */
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperEnsemble } from '../../src/cluster/zookeeper/zookeeper-ensemble.ts';
import { serveJsonCommands } from './json-child.ts';

/** Since this process started: Node's start-up and loading the ensemble's modules. */
const loadedAt = performance.now();
const rssBaseline = process.memoryUsage().rss;
const startedAt = performance.now();
const ensemble = await ZooKeeperEnsemble.start({ transport: new TcpTransport(), clientPorts: [0, 0, 0] });
const readyAt = performance.now();
process.stdout.write(
  JSON.stringify({ connectString: ensemble.connectString(), loadedAtMs: loadedAt, startMs: readyAt - startedAt, rssBaseline, rss: process.memoryUsage().rss }) + '\n',
);
serveJsonCommands(async () => ({ rss: process.memoryUsage().rss }), () => ensemble.close());
process.on('SIGTERM', () => void ensemble.close().then(() => process.exit(0)));
