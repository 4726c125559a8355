/**
 * The Kafka APIs the teaching cluster speaks and the version ranges it advertises in ApiVersions.
 *
 * This table is the input of `scripts/generate-kafka-protocol.ts`: codecs are generated for exactly these
 * ranges (flexible versions included: compact encodings, tagged fields). After editing it, run
 * `npm run generate:protocol`; CI runs the generator with `--check`.
 *
 * Ranges and traps come from the research notes on kafkajs 2.2.4 and librdkafka 2.0.2 (kcat 1.7.1):
 * - kafkajs ignores the advertised minimum and uses min(its max, our max), so every max below must be
 *   really implemented, and every broker of a cluster must advertise the same table (kafkajs reuses the
 *   seed broker's answer for all brokers).
 * - librdkafka derives "features" from overlaps with fixed version ranges, so some minimums must stay low
 *   (see the `note` of each entry); a minimum is never raised.
 * - Some maxima (Metadata, CreateTopics, ListGroups, DescribeGroups) go past what kafkajs and kcat send, into
 *   flexible versions, for our own tools and @platformatic/kafka (which also uses min(its max, our max)).
 */

/** One advertised API. */
export interface SupportedApi {
  /** Kafka's API key. */
  readonly apiKey: number;
  /** Kafka's API name; the schema files are `<name>Request.json` / `<name>Response.json`. */
  readonly name: string;
  /** Lowest version advertised and decoded. */
  readonly minVersion: number;
  /** Highest version advertised and decoded. */
  readonly maxVersion: number;
  /** Not needed by the labs: the broker may leave it out of its ApiVersions answer. */
  readonly optional: boolean;
  /** Why this range; the client behaviour it must respect. */
  readonly note: string;
}

export const SUPPORTED_APIS: readonly SupportedApi[] = [
  {
    apiKey: 0, name: 'Produce', minVersion: 0, maxVersion: 7, optional: false,
    note: 'Both clients send v7 (librdkafka uses v3+ once its MSGVER2 feature is on, which needs overlap with Produce 3..3 and Fetch 4..4). Min MUST be 0: librdkafka <= 2.11.0 silently sends gzip/snappy/lz4 batches uncompressed unless Produce overlaps 0..0 (rdkafka_msgset_writer.c compr_req; verified with kcat -z gzip in librdkafka-interop.test.ts). Neither client sends v0..2; their records would be legacy MessageSets (magic 0/1): reject those with UNSUPPORTED_FOR_MESSAGE_FORMAT. acks=0: send no response at all.',
  },
  {
    apiKey: 1, name: 'Fetch', minVersion: 4, maxVersion: 11, optional: false,
    note: 'Both clients send v11. Min must stay <= 4 (librdkafka MSGVER2). Empty records must be size 0, never null (librdkafka: "invalid MessageSetSize -1"); preferred_read_replica must be -1; last_stable_offset = high_watermark without transactions.',
  },
  {
    apiKey: 2, name: 'ListOffsets', minVersion: 0, maxVersion: 3, optional: false,
    note: 'kafkajs v3, librdkafka v2. Min must be <= 1 or librdkafka disables OFFSET_TIME (time-based offsets).',
  },
  {
    apiKey: 3, name: 'Metadata', minVersion: 0, maxVersion: 12, optional: false,
    note: 'kafkajs v6, librdkafka 2.0.2 v4 (their maxima), our tools v12 (topic ids, as the 3.9 admin client gets them). v9+ is flexible. v1+: topics null = all topics, empty = none (v0: empty = all). v10+: topic ids (zero when unknown); v12: topics asked by id, null names. kafkajs throws on the first topic/partition error other than LEADER_NOT_AVAILABLE.',
  },
  {
    apiKey: 8, name: 'OffsetCommit', minVersion: 0, maxVersion: 5, optional: false,
    note: 'Both clients use v5. Min must be <= 2 (librdkafka BROKER_BALANCED_CONSUMER overlap with 1..2).',
  },
  {
    apiKey: 9, name: 'OffsetFetch', minVersion: 0, maxVersion: 5, optional: false,
    note: 'kafkajs v4 (it has no v0 and ignores our min), librdkafka v5. Min must be <= 1. v2+: topics null = all.',
  },
  {
    apiKey: 10, name: 'FindCoordinator', minVersion: 0, maxVersion: 2, optional: false,
    note: 'Both clients use v2. Min MUST be 0: librdkafka enables BROKER_GROUP_COORD only on overlap with 0..0, otherwise kcat -G never looks up a coordinator (verified).',
  },
  {
    apiKey: 11, name: 'JoinGroup', minVersion: 0, maxVersion: 5, optional: false,
    note: 'Both clients use v5. Keep min 0. MEMBER_ID_REQUIRED (v4+) is optional: assigning a member id in the first answer works with both clients.',
  },
  {
    apiKey: 12, name: 'Heartbeat', minVersion: 0, maxVersion: 3, optional: false,
    note: 'Both clients use v3. Keep min 0.',
  },
  {
    apiKey: 13, name: 'LeaveGroup', minVersion: 0, maxVersion: 3, optional: false,
    note: 'kafkajs v3 uses the members[] form with per-member errors; librdkafka v1 uses the single member_id form. The broker must handle both shapes. Keep min 0.',
  },
  {
    apiKey: 14, name: 'SyncGroup', minVersion: 0, maxVersion: 3, optional: false,
    note: 'Both clients use v3. Keep min 0.',
  },
  {
    apiKey: 15, name: 'DescribeGroups', minVersion: 0, maxVersion: 5, optional: false,
    note: 'kafkajs admin v2 (its max), librdkafka 2.0.2 admin v4 (kcat never describes), @platformatic/kafka and the Java admin v5 (flexible). v3 authorized_operations (-2^31 unless asked), v4 group_instance_id. States: Empty, PreparingRebalance, CompletingRebalance, Stable, Dead.',
  },
  {
    apiKey: 16, name: 'ListGroups', minVersion: 0, maxVersion: 4, optional: false,
    note: 'kafkajs admin v2 (its max), librdkafka 2.0.2 admin v4 (kcat never lists groups), @platformatic/kafka v4 (its v5 types filter is not advertised). v3+ flexible; v4 states_filter (case-insensitive) and group_state. Answered per broker: a group is listed only by its coordinator.',
  },
  {
    apiKey: 18, name: 'ApiVersions', minVersion: 0, maxVersion: 2, optional: false,
    note: 'kafkajs tries v2, v1, v0. librdkafka first sends a flexible v3: answer it in the v0 layout with UNSUPPORTED_VERSION (see encodeApiVersionsFallbackFrame); it then retries with v0. Min must be 0 (librdkafka APIVERSION feature).',
  },
  {
    apiKey: 19, name: 'CreateTopics', minVersion: 0, maxVersion: 7, optional: false,
    note: 'kafkajs v3 (its max; sends num_partitions/replication_factor -1 when not given: substitute broker defaults at any version), librdkafka 2.0.2 admin v4 (kcat never creates), @platformatic/kafka and our kafka-topics v7. v5+ flexible, answers the partition count, replication factor and configs of each created topic (-1, -1, none on error); v7 the topic id. Controller only, NOT_CONTROLLER elsewhere.',
  },
  {
    apiKey: 20, name: 'DeleteTopics', minVersion: 0, maxVersion: 1, optional: false,
    note: 'Both clients use v1 (v2..3 are non-flexible too but unused). Controller only.',
  },
  {
    apiKey: 32, name: 'DescribeConfigs', minVersion: 0, maxVersion: 2, optional: false,
    note: 'kafkajs v2, librdkafka v1. v0 has is_default where v1+ has config_source.',
  },
  {
    apiKey: 33, name: 'AlterConfigs', minVersion: 0, maxVersion: 1, optional: false,
    note: 'kafkajs admin.alterConfigs v1. v2 is flexible.',
  },
  {
    apiKey: 37, name: 'CreatePartitions', minVersion: 0, maxVersion: 1, optional: false,
    note: 'kafkajs v1, librdkafka v0. Controller only.',
  },
  {
    apiKey: 22, name: 'InitProducerId', minVersion: 0, maxVersion: 1, optional: true,
    note: 'Idempotent producers (kcat -X enable.idempotence=true, kafkajs idempotent: true, the Java producer by default). Advertising it turns on librdkafka IDEMPOTENT_PRODUCER; librdkafka 2.0.2 then sends v1, kafkajs v1. v2+ (KIP-360: producer id and epoch in the request, v3) only matter for transactional producers: an idempotent producer bumps its epoch itself (librdkafka rd_kafka_pid_bump, Java bumpIdempotentProducerEpoch) and restarts at sequence 0, so 1 is enough. A transactional id is refused (TRANSACTIONAL_ID_AUTHORIZATION_FAILED).',
  },
  {
    apiKey: 42, name: 'DeleteGroups', minVersion: 0, maxVersion: 1, optional: true,
    note: 'kafkajs admin.deleteGroups v1.',
  },
  {
    apiKey: 4, name: 'LeaderAndIsr', minVersion: 0, maxVersion: 7, optional: true,
    note: 'Controller -> broker only (clients never send it); advertised as a Kafka 3.9 ZooKeeper-mode broker does. v4+ flexible, v5+ topic ids and type, v6 leader recovery state.',
  },
  {
    apiKey: 5, name: 'StopReplica', minVersion: 0, maxVersion: 4, optional: true,
    note: 'Controller -> broker only. v3+ carries per-partition leader epochs and delete flags in topic_states.',
  },
  {
    apiKey: 6, name: 'UpdateMetadata', minVersion: 0, maxVersion: 8, optional: true,
    note: 'Controller -> broker only. v6+ flexible, v7+ topic ids.',
  },
  {
    apiKey: 56, name: 'AlterPartition', minVersion: 0, maxVersion: 3, optional: true,
    note: 'Broker -> active controller only: a partition leader asks for an ISR change (a 3.9 broker sends v3, newIsrWithEpochs). v0+ flexible, v2+ topic ids.',
  },
  {
    apiKey: 21, name: 'DeleteRecords', minVersion: 0, maxVersion: 2, optional: true,
    note: 'kafkajs admin.deleteTopicRecords v1 (its max), kafka-delete-records v2 (flexible). Sent to each partition leader.',
  },
  {
    apiKey: 44, name: 'IncrementalAlterConfigs', minVersion: 0, maxVersion: 1, optional: true,
    note: 'kafka-configs --alter (Java admin) v1 flexible. kafkajs has no incremental API (it uses AlterConfigs 33).',
  },
  {
    apiKey: 45, name: 'AlterPartitionReassignments', minVersion: 0, maxVersion: 0, optional: true,
    note: 'kafkajs admin.alterPartitionReassignments, kafka-reassign-partitions. v0 is flexible. Controller only.',
  },
  {
    apiKey: 46, name: 'ListPartitionReassignments', minVersion: 0, maxVersion: 0, optional: true,
    note: 'kafkajs admin.listPartitionReassignments. v0 is flexible. Controller only.',
  },
];
