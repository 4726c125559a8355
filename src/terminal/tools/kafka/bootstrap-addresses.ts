/**
 * `--bootstrap-server` as Kafka's clients read it: the comma-separated list (`bootstrapList`), each
 * entry's host and port as `Utils.getHost` / `Utils.getPort` find them (`hostAndPort`), and
 * `ClientUtils.parseAndValidateAddresses`' checks, failing with the `ConfigException` the Java client
 * throws (`Invalid url in bootstrap.servers: foo`). Names are not resolved here; the transport refuses
 * what it cannot reach, as a refused connection.
 */
import { JavaException } from './java-exception.ts';

export const CONFIG_EXCEPTION = 'org.apache.kafka.common.config.ConfigException';

/** `Utils.HOST_PORT_PATTERN`. */
const HOST_PORT = /^(?:[0-9a-zA-Z\-%._]*:\/\/)?\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)$/;

export interface BootstrapAddress {
  readonly host: string;
  readonly port: number;
}

/** `--bootstrap-server a:1,b:2` as the client's list (entries trimmed, blank ones dropped, as Kafka does). */
export function bootstrapList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** `Utils.getHost` and `Utils.getPort`: undefined when `address` is not `host:port`; the port is not checked. */
export function hostAndPort(address: string): { host: string; port: number; portText: string } | undefined {
  const match = HOST_PORT.exec(address);
  return match ? { host: match[1], port: Number(match[2]), portText: match[2] } : undefined;
}

export function parseBootstrapAddresses(urls: readonly string[]): BootstrapAddress[] {
  const addresses: BootstrapAddress[] = [];
  for (const url of urls) {
    const parsed = hostAndPort(url);
    if (!parsed) throw new JavaException(CONFIG_EXCEPTION, `Invalid url in bootstrap.servers: ${url}`);
    // `Integer.parseInt` or `new InetSocketAddress(host, port)` rejects the port; an empty host is the wildcard address.
    if (parsed.portText.length > 9 || parsed.port > 65535) throw new JavaException(CONFIG_EXCEPTION, `Invalid port in bootstrap.servers: ${url}`);
    addresses.push({ host: parsed.host === '' ? '0.0.0.0' : parsed.host, port: parsed.port });
  }
  if (addresses.length === 0) throw new JavaException(CONFIG_EXCEPTION, 'No resolvable bootstrap urls given in bootstrap.servers');
  return addresses;
}
