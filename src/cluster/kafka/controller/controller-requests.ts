/**
 * The three requests the controller sends to brokers in ZooKeeper mode, at the versions a Kafka 3.9
 * controller uses (`ControllerChannelManager.scala`, `AbstractControllerBrokerRequestBatch`): LeaderAndIsr
 * v7, UpdateMetadata v8, StopReplica v4. Each is described once here (key, version, how to read the
 * broker's answer), so the channel and the batch treat them alike, and a cluster event can show what was
 * sent and what came back.
 */
import { API_KEYS, API_REGISTRY, kafkaErrorForCode } from '../protocol/index.ts';
import type {
  KafkaReader,
  KafkaWriter,
  LeaderAndIsrRequest,
  LeaderAndIsrResponse,
  StopReplicaRequest,
  StopReplicaResponse,
  UpdateMetadataRequest,
  UpdateMetadataResponse,
} from '../protocol/index.ts';

export type ControllerApiName = 'LeaderAndIsr' | 'UpdateMetadata' | 'StopReplica';

/** One partition as a controller request names it (what the cluster event and the log show). */
export interface ControllerRequestPartition {
  topic: string;
  partition: number;
  /** LeaderAndIsr / UpdateMetadata: the leader's broker id (-1: none). */
  leader?: number;
  /** The leader epoch (StopReplica: -2 while the topic is being deleted). */
  leaderEpoch: number;
  isr?: number[];
  replicas?: number[];
  /** The state znode's dataVersion (the partition epoch). */
  zkVersion?: number;
  /** StopReplica: delete the replica's log. */
  deletePartition?: boolean;
}

/** A partition the broker answered with an error (NONE is left out). */
export interface ControllerPartitionError {
  topic: string;
  partition: number;
  errorCode: number;
  error: string;
}

/** The broker's answer to one controller request, or why none came. */
export type ControllerRequestOutcome =
  | { ok: true; errorCode: number; error: string; partitionErrors: ControllerPartitionError[] }
  | { ok: false; failure: string };

/** A controller request as a cluster event shows it: who sent what to whom, and the answer. */
export interface ControllerRequestEvent {
  api: ControllerApiName;
  controllerId: number;
  controllerEpoch: number;
  /** The broker the request went to. */
  broker: number;
  partitions: ControllerRequestPartition[];
  /** UpdateMetadata: the live brokers it names. */
  liveBrokers?: number[];
  outcome: ControllerRequestOutcome;
}

/** A request ready to send: its API, version, body writer, and how to read the answer's errors. */
export interface ControllerRequest {
  readonly api: ControllerApiName;
  readonly apiKey: number;
  readonly version: number;
  readonly partitions: ControllerRequestPartition[];
  readonly liveBrokers?: number[];
  encode(writer: KafkaWriter): void;
  /** Reads the response body (after the response header) into an outcome. */
  decodeOutcome(reader: KafkaReader): ControllerRequestOutcome & { ok: true };
}

export const LEADER_AND_ISR_VERSION = 7;
export const UPDATE_METADATA_VERSION = 8;
export const STOP_REPLICA_VERSION = 4;

function errorName(code: number): string {
  return code === 0 ? 'NONE' : (kafkaErrorForCode(code)?.name ?? `error ${code}`);
}

function outcome(errorCode: number, partitionErrors: Array<{ topic: string; partition: number; errorCode: number }>): ControllerRequestOutcome & { ok: true } {
  return {
    ok: true,
    errorCode,
    error: errorName(errorCode),
    partitionErrors: partitionErrors.filter((p) => p.errorCode !== 0).map((p) => ({ ...p, error: errorName(p.errorCode) })),
  };
}

type PartitionErrorCode = { topic: string; partition: number; errorCode: number };

/** What differs between the three: the API, its version, and where the answer keeps partition errors. */
function controllerRequest<K extends 4 | 5 | 6>(
  api: ControllerApiName,
  apiKey: K,
  version: number,
  body: Parameters<(typeof API_REGISTRY)[K]['encodeRequest']>[1],
  partitions: ControllerRequestPartition[],
  partitionErrorsOf: (response: ReturnType<(typeof API_REGISTRY)[K]['decodeResponse']>) => PartitionErrorCode[],
): ControllerRequest {
  const codec = API_REGISTRY[apiKey] as unknown as {
    encodeRequest(writer: KafkaWriter, body: unknown, version: number): void;
    decodeResponse(reader: KafkaReader, version: number): ReturnType<(typeof API_REGISTRY)[K]['decodeResponse']> & { errorCode: number };
  };
  return {
    api,
    apiKey,
    version,
    partitions,
    encode: (writer) => codec.encodeRequest(writer, body, version),
    decodeOutcome(reader) {
      const response = codec.decodeResponse(reader, version);
      return outcome(response.errorCode, partitionErrorsOf(response));
    },
  };
}

/** LeaderAndIsr v7; `topicNames` maps the response's topic ids back to names. */
export function leaderAndIsrRequest(body: LeaderAndIsrRequest, partitions: ControllerRequestPartition[], topicNames: ReadonlyMap<string, string>): ControllerRequest {
  return controllerRequest('LeaderAndIsr', API_KEYS.LeaderAndIsr, LEADER_AND_ISR_VERSION, body, partitions, (response: LeaderAndIsrResponse) =>
    (response.topics ?? []).flatMap((topic) => {
      const name = topicNames.get(uuidKey(topic.topicId)) ?? '?';
      return topic.partitionErrors.map((p) => ({ topic: name, partition: p.partitionIndex, errorCode: p.errorCode }));
    }),
  );
}

export function updateMetadataRequest(body: UpdateMetadataRequest, partitions: ControllerRequestPartition[]): ControllerRequest {
  const request = controllerRequest('UpdateMetadata', API_KEYS.UpdateMetadata, UPDATE_METADATA_VERSION, body, partitions, (_: UpdateMetadataResponse) => []);
  return { ...request, liveBrokers: body.liveBrokers.map((b) => b.id) };
}

export function stopReplicaRequest(body: StopReplicaRequest, partitions: ControllerRequestPartition[]): ControllerRequest {
  return controllerRequest('StopReplica', API_KEYS.StopReplica, STOP_REPLICA_VERSION, body, partitions, (response: StopReplicaResponse) =>
    response.partitionErrors.map((p) => ({ topic: p.topicName, partition: p.partitionIndex, errorCode: p.errorCode })),
  );
}

/** A map key for a topic id's 16 bytes. */
export function uuidKey(bytes: Uint8Array): string {
  let key = '';
  for (const byte of bytes) key += byte.toString(16).padStart(2, '0');
  return key;
}

/** `t-0 (leader 1, epoch 3, isr [1,2,3])`, the way the controller's log names what it sends. */
export function describePartitions(partitions: readonly ControllerRequestPartition[], limit = 8): string {
  const shown = partitions.slice(0, limit).map((p) => {
    const name = `${p.topic}-${p.partition}`;
    if (p.deletePartition !== undefined) return `${name} (delete ${p.deletePartition})`;
    if (p.leader === undefined) return name;
    return `${name} (leader ${p.leader}, epoch ${p.leaderEpoch}, isr [${(p.isr ?? []).join(',')}])`;
  });
  const more = partitions.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
