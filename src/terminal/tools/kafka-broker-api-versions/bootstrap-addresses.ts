/**
 * `ClientUtils.parseAndValidateAddresses` for `--bootstrap-server`: `host:port` entries, or the
 * `ConfigException` the Java client throws (`Invalid url in bootstrap.servers: foo`). Names are not
 * resolved here; the transport refuses what it cannot reach, as a refused connection.
 */
import { JavaException } from '../kafka/java-exception.ts';

export const CONFIG_EXCEPTION = 'org.apache.kafka.common.config.ConfigException';

/** `Utils.HOST_PORT_PATTERN`. */
const HOST_PORT = /^(?:[0-9a-zA-Z\-%._]*:\/\/)?\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)$/;

export interface BootstrapAddress {
  readonly host: string;
  readonly port: number;
}

export function parseBootstrapAddresses(urls: readonly string[]): BootstrapAddress[] {
  const addresses: BootstrapAddress[] = [];
  for (const url of urls) {
    const match = HOST_PORT.exec(url);
    if (!match) throw new JavaException(CONFIG_EXCEPTION, `Invalid url in bootstrap.servers: ${url}`);
    const port = Number(match[2]);
    // `new InetSocketAddress(host, port)` rejects the port; an empty host is the wildcard address.
    if (match[2].length > 9 || port > 65535) throw new JavaException(CONFIG_EXCEPTION, `Invalid port in bootstrap.servers: ${url}`);
    addresses.push({ host: match[1] === '' ? '0.0.0.0' : match[1], port });
  }
  if (addresses.length === 0) throw new JavaException(CONFIG_EXCEPTION, 'No resolvable bootstrap urls given in bootstrap.servers');
  return addresses;
}
