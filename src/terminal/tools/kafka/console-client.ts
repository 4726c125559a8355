/**
 * The kafkajs client of the console producer and consumer, with what Java's NetworkClient prints
 * about Metadata answers: the topic errors of each answer, with its correlation id (Kafka 3.9 wording)
 *
 *   [ts] WARN [Producer clientId=console-producer] The metadata response from the cluster reported a recoverable issue with correlation id 5 : {new_topic=LEADER_NOT_AVAILABLE} (org.apache.kafka.clients.NetworkClient)
 *
 * and the brokers it learns (their ids then name them in the connection WARN lines). Other APIs'
 * traffic goes to `traffic`, for tools that log more (the producer's Sender). Its log lines stop
 * once the tool `silence`s it (closing it).
 */
import type { Kafka } from 'kafkajs';
import type { CommandContext, OutputStream } from '../../command.ts';
import type { Transport } from '../../../cluster/transport/transport.ts';
import { API_KEYS, decodeResponseFrame, kafkaErrorForCode } from '../../../cluster/kafka/protocol/index.ts';
import { log4jLine } from './log4j.ts';
import type { NetworkClientWarnings } from './network-client-warnings.ts';
import { tapKafkaResponses } from './response-tap.ts';
import type { KafkaTrafficListener, TappedRequest, TappedResponse } from './response-tap.ts';
import { createToolKafka } from './tool-kafka-client.ts';
import type { ToolKafkaOptions } from './tool-kafka-client.ts';

const NETWORK_CLIENT = 'org.apache.kafka.clients.NetworkClient';

/** A partition and its leader (-1 when it has none), as the latest Metadata answer said. */
export interface PartitionLeader {
  partitionId: number;
  leader: number;
}

export interface ConsoleClient {
  kafka: Kafka;
  warnings: NetworkClientWarnings;
  /** Broker id → `host:port`, from the latest Metadata answers. */
  brokers: ReadonlyMap<number, string>;
  /**
   * The partitions of `topic` (sorted) from the latest Metadata answer that named it without a topic
   * error; empty when none did. Read from the wire, so a leaderless partition (which makes kafkajs
   * drop the whole answer) is known as the Java client knows it.
   */
  partitions(topic: string): PartitionLeader[];
  /** The topics named in the latest Metadata answer (all of them, after a request for every topic). */
  latestTopics(): Array<{ name: string; isInternal: boolean }>;
  /**
   * No more log lines from this client: the tool is closing it. (kafkajs cannot cancel a connection
   * attempt in progress; its failures after the tool's last line must not print.)
   */
  silence(): void;
  /** Ends the client for good, whatever kafkajs is still doing (`ToolKafka.kill`). */
  kill(): void;
}

export interface ConsoleClientOptions extends ToolKafkaOptions {
  /** More APIs to watch (Metadata is always watched). */
  traffic?: Omit<KafkaTrafficListener, 'apiKeys'> & { apiKeys: readonly number[] };
}

export function createConsoleClient(context: CommandContext, options: ConsoleClientOptions): ConsoleClient {
  const brokers = new Map<number, string>();
  const topics = new Map<string, PartitionLeader[]>();
  let latest: Array<{ name: string; isInternal: boolean }> = [];
  const client: { warnings?: NetworkClientWarnings; log?: OutputStream } = {};
  const extra = new Set(options.traffic?.apiKeys ?? []);
  const onMetadata = (response: TappedResponse) => {
    let body;
    try {
      body = decodeResponseFrame(API_KEYS.Metadata, response.apiVersion, response.payload).body;
    } catch {
      return;
    }
    // Only answers to a request by topic id (Metadata v12) leave names out; kafkajs asks by name.
    const named = body.topics.flatMap((topic) => (topic.name === null ? [] : [{ ...topic, name: topic.name }]));
    latest = named.map((topic) => ({ name: topic.name, isInternal: topic.isInternal ?? false }));
    for (const broker of body.brokers) brokers.set(broker.nodeId, `${broker.host}:${broker.port}`);
    for (const topic of named) {
      if (topic.errorCode !== 0) topics.delete(topic.name);
      else {
        const partitions = topic.partitions.map((partition) => ({ partitionId: partition.partitionIndex, leader: partition.leaderId }));
        topics.set(topic.name, partitions.sort((a, b) => a.partitionId - b.partitionId));
      }
    }
    client.warnings?.learnBrokers(body.brokers);
    const errors = named.filter((topic) => topic.errorCode !== 0);
    if (errors.length === 0) return;
    const map = errors.map((topic) => `${topic.name}=${kafkaErrorForCode(topic.errorCode)?.name ?? 'UNKNOWN_SERVER_ERROR'}`).join(', ');
    const message = `${options.logContext}The metadata response from the cluster reported a recoverable issue with correlation id ${response.correlationId} : {${map}}`;
    void client.log?.write(log4jLine(context.env, 'WARN', message, NETWORK_CLIENT));
  };
  const tap = (transport: Transport) =>
    tapKafkaResponses(transport, {
      apiKeys: new Set([API_KEYS.Metadata, ...extra]),
      onRequest: (request: TappedRequest) => {
        if (extra.has(request.apiKey)) options.traffic?.onRequest?.(request);
      },
      onResponse: (response: TappedResponse) => {
        if (response.apiKey === API_KEYS.Metadata) onMetadata(response);
        if (extra.has(response.apiKey)) options.traffic?.onResponse(response);
      },
    });
  const { kafka, warnings, log, silence, kill } = createToolKafka(context, { ...options, wrapTransport: tap });
  client.warnings = warnings;
  client.log = log;
  return { kafka, warnings, brokers, partitions: (topic) => [...(topics.get(topic) ?? [])], latestTopics: () => [...latest], silence, kill };
}
