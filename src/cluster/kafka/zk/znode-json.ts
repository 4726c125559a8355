/**
 * The JSON Kafka 3.4 to 3.9 writes into its znodes (`core/src/main/scala/kafka/zk/ZkData.scala`), encoded with the
 * same keys (and, for readability in `zookeeper-shell`, the key order Kafka's examples show) and decoded by
 * key name, tolerating missing optional keys as Kafka's decoders do.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A znode whose data is not the JSON Kafka would have written there. */
export class ZnodeFormatError extends Error {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`znode ${path}: ${problem}. Was it written by something other than a Kafka broker?`);
    this.name = 'ZnodeFormatError';
    this.path = path;
  }
}

function toBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

function parseObject(path: string, data: Uint8Array | null): Record<string, unknown> {
  if (!data || data.length === 0) throw new ZnodeFormatError(path, 'no data');
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(data));
  } catch {
    throw new ZnodeFormatError(path, 'data is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ZnodeFormatError(path, 'data is not a JSON object');
  return parsed as Record<string, unknown>;
}

function intField(path: string, object: Record<string, unknown>, key: string): number {
  const value = object[key];
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new ZnodeFormatError(path, `"${key}" is not an integer`);
  return number;
}

function intList(path: string, value: unknown, what: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isInteger(v))) {
    throw new ZnodeFormatError(path, `${what} is not a list of broker ids`);
  }
  return value as number[];
}

// ---------------------------------------------------------------------------------------------------
// /brokers/ids/<id>

/** One advertised listener of a registered broker (`EndPoint`). */
export interface RegisteredEndpoint {
  /** The listener name, e.g. `INTERNAL`. */
  listener: string;
  /** From `listener_security_protocol_map` (or the listener name when it is a protocol name); '' when unknown. */
  securityProtocol: string;
  host: string;
  port: number;
}

export interface BrokerRegistration {
  id: number;
  /** The top-level `host`/`port`: the first PLAINTEXT endpoint's, or else the first endpoint's. */
  host: string;
  port: number;
  /** `LISTENER://host:port` strings, as written. */
  endpoints: string[];
  /** The endpoints parsed, in the registration's order (one per listener name). */
  listeners: RegisteredEndpoint[];
  rack: string | null;
  /** Epoch millis when registered. */
  timestamp: number;
}

/** `EndPoint.connectionString`: IPv6 hosts in brackets (`Utils.formatAddress`). */
function connectionString(endpoint: RegisteredEndpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${endpoint.listener}://${host}:${endpoint.port}`;
}

/**
 * `BrokerIdZNode.encode`, version 5. The top-level host/port are the first PLAINTEXT endpoint's (null/-1
 * without one), "for compatibility with older clients that only support PLAINTEXT". Keys come in the order
 * Kafka's Scala `mutable.HashMap` iterates them (features, listener_security_protocol_map, endpoints, rack,
 * jmx_port, port, host, version, timestamp), so the bytes match a real broker's.
 */
export function encodeBrokerRegistration(registration: Omit<BrokerRegistration, 'endpoints' | 'host' | 'port'>): Uint8Array {
  const plaintext = registration.listeners.find((endpoint) => endpoint.securityProtocol === 'PLAINTEXT');
  const protocolMap: Record<string, string> = {};
  for (const endpoint of registration.listeners) protocolMap[endpoint.listener] = endpoint.securityProtocol;
  const json: Record<string, unknown> = {
    features: {},
    listener_security_protocol_map: protocolMap,
    endpoints: registration.listeners.map(connectionString),
  };
  if (registration.rack !== null) json.rack = registration.rack;
  json.jmx_port = -1;
  json.port = plaintext?.port ?? -1;
  json.host = plaintext?.host ?? null;
  json.version = 5;
  json.timestamp = String(registration.timestamp);
  return toBytes(json);
}

/** `EndPoint.createEndPoint`: `LISTENER://host:port`, the protocol from the map or the listener's own name. */
function parseEndpoint(text: string, protocols: Record<string, unknown>): RegisteredEndpoint | undefined {
  const match = /^(.*):\/\/\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+)$/.exec(text);
  if (!match) return undefined;
  const listener = match[1].toUpperCase();
  const mapped = protocols[match[1]] ?? protocols[listener];
  const securityProtocol = typeof mapped === 'string' ? mapped.toUpperCase() : ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(listener) ? listener : '';
  return { listener, securityProtocol, host: match[2], port: Number(match[3]) };
}

export function decodeBrokerRegistration(id: number, path: string, data: Uint8Array | null): BrokerRegistration {
  const json = parseObject(path, data);
  const endpoints = Array.isArray(json.endpoints) ? json.endpoints.filter((e): e is string => typeof e === 'string') : [];
  const protocols = typeof json.listener_security_protocol_map === 'object' && json.listener_security_protocol_map !== null ? (json.listener_security_protocol_map as Record<string, unknown>) : {};
  const listeners: RegisteredEndpoint[] = [];
  for (const text of endpoints) {
    const endpoint = parseEndpoint(text, protocols);
    if (endpoint && !listeners.some((l) => l.listener === endpoint.listener)) listeners.push(endpoint);
  }
  let host = typeof json.host === 'string' ? json.host : '';
  let port = typeof json.port === 'number' ? json.port : -1;
  // Version 1 (no endpoints): the host/port are one PLAINTEXT listener.
  if (listeners.length === 0 && host && port >= 0) listeners.push({ listener: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host, port });
  // Brokers with only non-PLAINTEXT listeners write host null / port -1: take the first endpoint then.
  if ((!host || port < 0) && listeners.length > 0) {
    host = listeners[0].host;
    port = listeners[0].port;
  }
  if (!host || port < 0) throw new ZnodeFormatError(path, 'no host/port and no endpoint');
  return {
    id,
    host,
    port,
    endpoints,
    listeners,
    rack: typeof json.rack === 'string' ? json.rack : null,
    timestamp: json.timestamp === undefined ? 0 : Number(json.timestamp),
  };
}

// ---------------------------------------------------------------------------------------------------
// /brokers/topics/<topic>

export interface TopicAssignment {
  /** Partition -> replicas in preference order. */
  partitions: Map<number, number[]>;
  /** base64url Uuid, `null` when the writer predates topic ids. */
  topicId: string | null;
  /** During a reassignment (`ReplicaAssignment.addingReplicas`): partition -> replicas being added. */
  adding?: Map<number, number[]>;
  /** During a reassignment (`ReplicaAssignment.removingReplicas`): partition -> replicas being removed. */
  removing?: Map<number, number[]>;
}

function partitionLists(lists: Map<number, number[]> | undefined): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [partition, replicas] of [...(lists ?? [])].sort((a, b) => a[0] - b[0])) if (replicas.length > 0) out[String(partition)] = replicas;
  return out;
}

function decodePartitionLists(path: string, raw: unknown, what: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    const partition = Number(key);
    if (Number.isInteger(partition) && partition >= 0) out.set(partition, intList(path, value, `${what} of partition ${key}`));
  }
  return out;
}

/** `TopicZNode.encode`, version 3 (`adding_replicas`/`removing_replicas` hold only partitions being reassigned). */
export function encodeTopicAssignment(assignment: TopicAssignment): Uint8Array {
  const partitions: Record<string, number[]> = {};
  for (const [partition, replicas] of [...assignment.partitions].sort((a, b) => a[0] - b[0])) partitions[String(partition)] = replicas;
  const json: Record<string, unknown> = { partitions };
  if (assignment.topicId !== null) json.topic_id = assignment.topicId;
  json.adding_replicas = partitionLists(assignment.adding);
  json.removing_replicas = partitionLists(assignment.removing);
  json.version = 3;
  return toBytes(json);
}

export function decodeTopicAssignment(path: string, data: Uint8Array | null): TopicAssignment {
  const json = parseObject(path, data);
  const raw = json.partitions;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ZnodeFormatError(path, '"partitions" is not an object');
  const partitions = new Map<number, number[]>();
  for (const [key, value] of Object.entries(raw)) {
    const partition = Number(key);
    if (!Number.isInteger(partition) || partition < 0) throw new ZnodeFormatError(path, `partition "${key}" is not a number`);
    partitions.set(partition, intList(path, value, `replicas of partition ${key}`));
  }
  return {
    partitions,
    topicId: typeof json.topic_id === 'string' ? json.topic_id : null,
    adding: decodePartitionLists(path, json.adding_replicas, 'adding_replicas'),
    removing: decodePartitionLists(path, json.removing_replicas, 'removing_replicas'),
  };
}

// ---------------------------------------------------------------------------------------------------
// /brokers/topics/<topic>/partitions/<p>/state

export interface PartitionState {
  /** Broker id, -1 when the partition has no leader. */
  leader: number;
  leaderEpoch: number;
  isr: number[];
  controllerEpoch: number;
}

/** `TopicPartitionStateZNode.encode`, version 1. */
export function encodePartitionState(state: PartitionState): Uint8Array {
  return toBytes({
    controller_epoch: state.controllerEpoch,
    leader: state.leader,
    version: 1,
    leader_epoch: state.leaderEpoch,
    isr: state.isr,
  });
}

export function decodePartitionState(path: string, data: Uint8Array | null): PartitionState {
  const json = parseObject(path, data);
  return {
    leader: intField(path, json, 'leader'),
    leaderEpoch: intField(path, json, 'leader_epoch'),
    isr: intList(path, json.isr, '"isr"'),
    controllerEpoch: intField(path, json, 'controller_epoch'),
  };
}

// ---------------------------------------------------------------------------------------------------
// /controller, /controller_epoch, /cluster/id, /config/topics/<t>, /config/changes/config_change_

/** `ControllerZNode.encode` as Kafka 3.4+ writes it (version 2). */
export function encodeController(brokerId: number, timestamp: number): Uint8Array {
  return toBytes({ version: 2, brokerid: brokerId, timestamp: String(timestamp), kraftControllerEpoch: -1 });
}

export function decodeController(path: string, data: Uint8Array | null): number {
  return intField(path, parseObject(path, data), 'brokerid');
}

export function encodeControllerEpoch(epoch: number): Uint8Array {
  return encoder.encode(String(epoch));
}

export function decodeControllerEpoch(path: string, data: Uint8Array | null): number {
  const epoch = Number(decoder.decode(data ?? new Uint8Array(0)).trim());
  if (!Number.isInteger(epoch) || !data || data.length === 0) throw new ZnodeFormatError(path, 'not a decimal controller epoch');
  return epoch;
}

/** `ClusterIdZNode.toJson`: note `version` is a string. */
export function encodeClusterId(id: string): Uint8Array {
  return toBytes({ version: '1', id });
}

export function decodeClusterId(path: string, data: Uint8Array | null): string {
  const json = parseObject(path, data);
  if (typeof json.id !== 'string' || json.id.length === 0) throw new ZnodeFormatError(path, '"id" is missing');
  return json.id;
}

/** `ConfigEntityZNode.encode`: values are strings. */
export function encodeEntityConfig(config: Record<string, string>): Uint8Array {
  return toBytes({ version: 1, config });
}

export function decodeEntityConfig(path: string, data: Uint8Array | null): Record<string, string> {
  if (!data || data.length === 0) return {};
  const json = parseObject(path, data);
  const config = json.config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) if (typeof value === 'string') out[key] = value;
  return out;
}

/** `ConfigEntityChangeNotificationSequenceZNode`: `{"version":2,"entity_path":"topics/<t>"}`. */
export function encodeConfigChange(entityPath: string): Uint8Array {
  return toBytes({ version: 2, entity_path: entityPath });
}

/** A new base64url Uuid (22 characters), as Kafka's `Uuid.randomUuid().toString` / `generateUuidAsBase64`. */
export function randomBase64Uuid(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
