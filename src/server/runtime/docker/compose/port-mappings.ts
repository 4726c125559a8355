import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';

/** One published (or only exposed) container port. */
export interface PortMapping {
  /** The host address the port binds; from the file, else the plan's publishHost. */
  hostIp: string;
  /** The host port; 0 when the file gives none and the engine picks one (Compose's "3000"). */
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

/** Compose's long port syntax, as the schema lets it through. */
export interface LongPortSyntax {
  target: number | string;
  published?: number | string;
  host_ip?: string;
  protocol?: string;
  mode?: string;
  name?: string;
  app_protocol?: string;
}

const HINT = 'Write ports as "HOST:CONTAINER" ("19092:19092"), "IP:HOST:CONTAINER" ("127.0.0.1:12181:2181"), with "/udp" for UDP, or the long form (target, published, host_ip, protocol).';

/**
 * The mappings one `ports:` entry stands for: short syntax ("12181:2181", "127.0.0.1:8080:80/tcp",
 * "[::1]:80:80", "9090-9091:8080-8081", "3000", 3000) or the long form. A host range for a single
 * container port (Compose picks a free one) is refused: the course's addresses are fixed.
 */
export function parsePortEntry(entry: string | number | LongPortSyntax, publishHost: string, path: readonly KeyPathSegment[]): PortMapping[] {
  if (typeof entry === 'number') return [{ hostIp: publishHost, hostPort: 0, containerPort: port(String(entry), path), protocol: 'tcp' }];
  if (typeof entry === 'string') return parseShortSyntax(entry, publishHost, path);
  const protocol = parseProtocol(entry.protocol ?? 'tcp', path);
  const containerPort = port(String(entry.target), path);
  const published = entry.published === undefined ? undefined : String(entry.published);
  if (published !== undefined && published.includes('-')) throw hostRangeForOnePort(published, path);
  return [{ hostIp: entry.host_ip ?? publishHost, hostPort: published === undefined || published === '' ? 0 : port(published, path, 0), containerPort, protocol }];
}

function parseShortSyntax(text: string, publishHost: string, path: readonly KeyPathSegment[]): PortMapping[] {
  const slash = text.lastIndexOf('/');
  const protocol = slash < 0 ? 'tcp' : parseProtocol(text.slice(slash + 1), path);
  let rest = slash < 0 ? text : text.slice(0, slash);

  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close < 0) throw new ComposeFileError(path, `${JSON.stringify(text)} is not a port mapping`, HINT);
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (hostIp === undefined && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2 || parts.some((part, index) => part === '' && !(index === 0 && parts.length === 2))) {
    throw new ComposeFileError(path, `${JSON.stringify(text)} is not a port mapping`, HINT);
  }
  const containerPorts = portRange(parts[parts.length - 1], path);
  const hostPart = parts.length === 2 ? parts[0] : '';
  const hostPorts = hostPart === '' ? containerPorts.map(() => 0) : portRange(hostPart, path, 0);
  if (hostPorts.length !== containerPorts.length) {
    if (containerPorts.length === 1) throw hostRangeForOnePort(hostPart, path);
    throw new ComposeFileError(path, `${JSON.stringify(text)} maps ${hostPorts.length} host port(s) to ${containerPorts.length} container ports`, 'Give a host range as long as the container range ("9090-9091:8080-8081").');
  }
  return containerPorts.map((containerPort, index) => ({ hostIp: hostIp || publishHost, hostPort: hostPorts[index], containerPort, protocol }));
}

function portRange(text: string, path: readonly KeyPathSegment[], lowest = 1): number[] {
  const dash = text.indexOf('-');
  if (dash < 0) return [port(text, path, lowest)];
  const first = port(text.slice(0, dash), path);
  const last = port(text.slice(dash + 1), path);
  if (last < first) throw new ComposeFileError(path, `port range ${text} ends before it starts`, HINT);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** A port number; host ports may be 0, Docker's "any free port". */
function port(text: string, path: readonly KeyPathSegment[], lowest = 1): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= lowest && value <= 65535)) throw new ComposeFileError(path, `${JSON.stringify(text)} is not a port number (${lowest}-65535)`, HINT);
  return value;
}

function parseProtocol(text: string, path: readonly KeyPathSegment[]): 'tcp' | 'udp' {
  if (text === 'tcp' || text === 'udp') return text;
  throw new ComposeFileError(path, `protocol ${JSON.stringify(text)} is not supported`, 'Use tcp (the default) or udp.');
}

function hostRangeForOnePort(range: string, path: readonly KeyPathSegment[]): ComposeFileError {
  return new ComposeFileError(
    path,
    `host port range ${range} for one container port is not supported (Compose would pick any free port in it)`,
    'Publish one fixed host port: the course tells learners which address to dial.',
  );
}
