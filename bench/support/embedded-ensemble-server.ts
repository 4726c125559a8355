/**
 * Hosts an embedded 3-member ZooKeeper ensemble alone in its own process, so a benchmark can measure
 * the ensemble's memory without its own client load in the same heap. Prints one JSON line with the
 * connect string, then serves until stdin closes or SIGTERM arrives.
 */
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperEnsemble } from '../../src/cluster/zookeeper/zookeeper-ensemble.ts';

const ensemble = await ZooKeeperEnsemble.start({ transport: new TcpTransport(), clientPorts: [0, 0, 0] });
process.stdout.write(JSON.stringify({ connectString: ensemble.connectString() }) + '\n');
const stop = async () => {
  await ensemble.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
