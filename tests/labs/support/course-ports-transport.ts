/**
 * The course's addresses on a test cluster. A lab's commands say `localhost:19092` and
 * `localhost:12181`, the ports of the learner's cluster; a test cluster listens on free ports so
 * that tests never collide. Through this transport the course's ports lead to the node of the same
 * name (`localhost:29092` to kafka-2, `localhost:32181` to zookeeper-3), so a lab's solution lines
 * run exactly as the learner types them. Every other address is left alone (the brokers advertise
 * their real ports, and clients follow those).
 */
import { defaultKafkaPorts, defaultZooKeeperPorts } from '../../../src/cluster/embedded-cluster-options.ts';
import type { Transport } from '../../../src/cluster/transport/transport.ts';
import type { ShellClusterStatus } from '../../../src/terminal/tool-environment.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** The course's port of a node by its name: kafka-2 → 29092, zookeeper-3 → 32181. */
function coursePort(name: string): number | undefined {
  const match = /^(kafka|zookeeper)-(\d+)$/.exec(name);
  if (!match) return undefined;
  const ports = match[1] === 'kafka' ? defaultKafkaPorts : defaultZooKeeperPorts;
  return ports[Number(match[2]) - 1];
}

/** `inner`, with the course's ports on loopback mapped to the nodes' ports as `status()` reports them now. */
export function coursePortsTransport(inner: Transport, status: () => Promise<ShellClusterStatus>): Transport {
  return {
    async connect(host, port) {
      if (LOOPBACK.has(host)) {
        const node = (await status()).nodes.find((candidate) => coursePort(candidate.name) === port);
        if (node && node.port !== 0) return inner.connect(node.host, node.port);
      }
      return inner.connect(host, port);
    },
    listen(host, port, onConnection) {
      return inner.listen(host, port, onConnection);
    },
  };
}
