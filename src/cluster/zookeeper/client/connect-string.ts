/** Parses a ZooKeeper connect string: `host:port,host:port[/chroot]` (port defaults to 2181). */
import { ZooKeeperClientError } from './client-error.ts';
import { invalidPathReason } from './znode-path.ts';

export interface ServerAddress {
  host: string;
  port: number;
}

export interface ParsedConnectString {
  servers: ServerAddress[];
  /** `/kafka` for `h:2181/kafka`; `undefined` when there is none (or it is `/`). */
  chroot: string | undefined;
}

const DEFAULT_PORT = 2181;

export function parseConnectString(connectString: string): ParsedConnectString {
  const fail = (reason: string): never => {
    throw new ZooKeeperClientError(
      'BAD_CONNECT_STRING',
      `invalid ZooKeeper connect string "${connectString}": ${reason}`,
      "write it as 'host:port,host:port' with an optional chroot suffix, e.g. '127.0.0.1:2181,127.0.0.1:2182/kafka'",
    );
  };
  const text = connectString.trim();
  const slash = text.indexOf('/');
  const hostsPart = slash === -1 ? text : text.slice(0, slash);
  let chroot: string | undefined = slash === -1 ? undefined : text.slice(slash);
  if (chroot !== undefined) {
    const reason = invalidPathReason(chroot);
    if (reason) fail(`bad chroot: ${reason}`);
    if (chroot === '/') chroot = undefined;
  }
  const servers: ServerAddress[] = [];
  for (const entry of hostsPart.split(',')) {
    const item = entry.trim();
    if (item === '') continue;
    let host: string;
    let portText: string | undefined;
    if (item.startsWith('[')) {
      const close = item.indexOf(']');
      if (close === -1) fail(`unclosed [ in "${item}"`);
      host = item.slice(1, close);
      const rest = item.slice(close + 1);
      if (rest !== '' && !rest.startsWith(':')) fail(`unexpected "${rest}" after "[${host}]"`);
      portText = rest === '' ? undefined : rest.slice(1);
    } else {
      const colon = item.lastIndexOf(':');
      host = colon === -1 ? item : item.slice(0, colon);
      portText = colon === -1 ? undefined : item.slice(colon + 1);
    }
    const port = portText === undefined ? DEFAULT_PORT : Number(portText);
    if (host === '') fail(`missing host in "${item}"`);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`bad port in "${item}"`);
    servers.push({ host, port });
  }
  if (servers.length === 0) fail('no servers');
  return { servers, chroot };
}

/** A copy of `items` in random order (Fisher-Yates), as clients spread sessions over the ensemble. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
