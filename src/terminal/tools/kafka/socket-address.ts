/**
 * Java's `InetSocketAddress#toString()` for a resolved address, as NetworkClient's log lines show it:
 * `localhost/127.0.0.1:9092` for a name, `/127.0.0.1:9092` for an IP literal (it has no host name).
 */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function javaSocketAddress(host: string, port: number): string {
  if (IPV4.test(host)) return `/${host}:${port}`;
  if (host.includes(':')) return `/${host}:${port}`;
  const resolved = host === 'localhost' ? '127.0.0.1' : host;
  return `${host}/${resolved}:${port}`;
}

export interface HostPort {
  host: string;
  port: number;
}

/** `host:port` (or `[v6]:port`) as Kafka's `Utils.getHost/getPort` read it; undefined when it is not one. */
export function parseHostPort(text: string): HostPort | undefined {
  const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(text.trim());
  if (!match || match[1] === '') return undefined;
  const port = Number(match[2]);
  return port <= 65535 ? { host: match[1], port } : undefined;
}
