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
