/**
 * The only network the server's terminal has: connections to the cluster's own nodes on loopback. The
 * tools (kafkajs, the ZooKeeper client, `nc`) dial through it; any other address or port is refused
 * exactly as a refused TCP connection is (an `ECONNREFUSED` error) without a connection being attempted,
 * so a learner's `nc localhost 22` or `kafka-topics --bootstrap-server 10.0.0.5:9092` learns nothing
 * about the host or its network. Nothing listens through it.
 */
import type { Connection, Listener, Transport } from '../../cluster/transport/transport.ts';
import { normalizeHostname } from '../security/allowed-hosts.ts';

/** The names of this machine that a tool may use (what the course's commands say: `localhost:19092`). */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * `inner` restricted to loopback names and `clusterPorts()` (every node's port, whatever its state: a
 * stopped broker's port refuses on its own, as it would on a real cluster).
 */
export function clusterOnlyTransport(inner: Transport, clusterPorts: () => Iterable<number> | Promise<Iterable<number>>): Transport {
  return {
    async connect(host: string, port: number): Promise<Connection> {
      const name = normalizeHostname(host);
      const allowed = LOOPBACK_NAMES.has(name) && Number.isInteger(port) && port > 0 && new Set(await clusterPorts()).has(port);
      if (!allowed) throw connectionRefused(name, port);
      return inner.connect(host, port);
    },
    async listen(host: string, port: number): Promise<Listener> {
      throw Object.assign(new Error(`listen EACCES: permission denied ${host}:${port}`), { code: 'EACCES', syscall: 'listen', address: host, port });
    },
  };
}

/** The error Node gives for a refused TCP connection (`connect ECONNREFUSED 127.0.0.1:9092`). */
export function connectionRefused(host: string, port: number): Error {
  const address = host === 'localhost' ? '127.0.0.1' : host;
  return Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address, port });
}
