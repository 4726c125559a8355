/**
 * The APIs Kafka 3.9's Java client knows (`ApiKeys`), as `NodeApiVersions` needs them to print a broker's
 * versions: the name, the versions the client speaks (`oldestVersion()` .. `latestVersion()`, which counts
 * an unstable last version too), and whether it is a client API (`ApiKeys.clientApis()`: listeners
 * `zkBroker` or `broker`), which are the ones printed as `UNSUPPORTED` when a broker does not list them.
 *
 * Copied from `clients/src/main/resources/common/message/*Request.json` at Kafka 3.9.0 (validVersions,
 * listeners). A key a broker lists that is not here prints as `UNKNOWN(<key>)`.
 */

export interface ClientApiKey {
  readonly id: number;
  readonly name: string;
  readonly oldestVersion: number;
  readonly latestVersion: number;
  /** In `ApiKeys.clientApis()`. */
  readonly clientApi: boolean;
}

type Row = readonly [id: number, name: string, oldest: number, latest: number, clientApi: boolean];

const ROWS: readonly Row[] = [
  [0, 'Produce', 0, 11, true],
  [1, 'Fetch', 0, 17, true],
  [2, 'ListOffsets', 0, 9, true],
  [3, 'Metadata', 0, 12, true],
  [4, 'LeaderAndIsr', 0, 7, true],
  [5, 'StopReplica', 0, 4, true],
  [6, 'UpdateMetadata', 0, 8, true],
  [7, 'ControlledShutdown', 0, 3, true],
  [8, 'OffsetCommit', 0, 9, true],
  [9, 'OffsetFetch', 0, 9, true],
  [10, 'FindCoordinator', 0, 6, true],
  [11, 'JoinGroup', 0, 9, true],
  [12, 'Heartbeat', 0, 4, true],
  [13, 'LeaveGroup', 0, 5, true],
  [14, 'SyncGroup', 0, 5, true],
  [15, 'DescribeGroups', 0, 5, true],
  [16, 'ListGroups', 0, 5, true],
  [17, 'SaslHandshake', 0, 1, true],
  [18, 'ApiVersions', 0, 4, true],
  [19, 'CreateTopics', 0, 7, true],
  [20, 'DeleteTopics', 0, 6, true],
  [21, 'DeleteRecords', 0, 2, true],
  [22, 'InitProducerId', 0, 5, true],
  [23, 'OffsetForLeaderEpoch', 0, 4, true],
  [24, 'AddPartitionsToTxn', 0, 5, true],
  [25, 'AddOffsetsToTxn', 0, 4, true],
  [26, 'EndTxn', 0, 4, true],
  [27, 'WriteTxnMarkers', 0, 1, true],
  [28, 'TxnOffsetCommit', 0, 4, true],
  [29, 'DescribeAcls', 0, 3, true],
  [30, 'CreateAcls', 0, 3, true],
  [31, 'DeleteAcls', 0, 3, true],
  [32, 'DescribeConfigs', 0, 4, true],
  [33, 'AlterConfigs', 0, 2, true],
  [34, 'AlterReplicaLogDirs', 0, 2, true],
  [35, 'DescribeLogDirs', 0, 4, true],
  [36, 'SaslAuthenticate', 0, 2, true],
  [37, 'CreatePartitions', 0, 3, true],
  [38, 'CreateDelegationToken', 0, 3, true],
  [39, 'RenewDelegationToken', 0, 2, true],
  [40, 'ExpireDelegationToken', 0, 2, true],
  [41, 'DescribeDelegationToken', 0, 3, true],
  [42, 'DeleteGroups', 0, 2, true],
  [43, 'ElectLeaders', 0, 2, true],
  [44, 'IncrementalAlterConfigs', 0, 1, true],
  [45, 'AlterPartitionReassignments', 0, 0, true],
  [46, 'ListPartitionReassignments', 0, 0, true],
  [47, 'OffsetDelete', 0, 0, true],
  [48, 'DescribeClientQuotas', 0, 1, true],
  [49, 'AlterClientQuotas', 0, 1, true],
  [50, 'DescribeUserScramCredentials', 0, 0, true],
  [51, 'AlterUserScramCredentials', 0, 0, true],
  [52, 'Vote', 0, 1, false],
  [53, 'BeginQuorumEpoch', 0, 1, false],
  [54, 'EndQuorumEpoch', 0, 1, false],
  [55, 'DescribeQuorum', 0, 2, true],
  [56, 'AlterPartition', 0, 3, true],
  [57, 'UpdateFeatures', 0, 1, true],
  [58, 'Envelope', 0, 0, true],
  [59, 'FetchSnapshot', 0, 1, false],
  [60, 'DescribeCluster', 0, 1, true],
  [61, 'DescribeProducers', 0, 0, true],
  [62, 'BrokerRegistration', 0, 4, false],
  [63, 'BrokerHeartbeat', 0, 1, false],
  [64, 'UnregisterBroker', 0, 0, true],
  [65, 'DescribeTransactions', 0, 0, true],
  [66, 'ListTransactions', 0, 1, true],
  [67, 'AllocateProducerIds', 0, 0, true],
  [68, 'ConsumerGroupHeartbeat', 0, 0, true],
  [69, 'ConsumerGroupDescribe', 0, 0, true],
  [70, 'ControllerRegistration', 0, 0, false],
  [71, 'GetTelemetrySubscriptions', 0, 0, true],
  [72, 'PushTelemetry', 0, 0, true],
  [73, 'AssignReplicasToDirs', 0, 0, false],
  [74, 'ListClientMetricsResources', 0, 0, true],
  [75, 'DescribeTopicPartitions', 0, 0, true],
  [76, 'ShareGroupHeartbeat', 0, 0, true],
  [77, 'ShareGroupDescribe', 0, 0, true],
  [78, 'ShareFetch', 0, 0, true],
  [79, 'ShareAcknowledge', 0, 0, true],
  [80, 'AddRaftVoter', 0, 0, true],
  [81, 'RemoveRaftVoter', 0, 0, true],
  [82, 'UpdateRaftVoter', 0, 0, false],
  [83, 'InitializeShareGroupState', 0, 0, true],
  [84, 'ReadShareGroupState', 0, 0, true],
  [85, 'WriteShareGroupState', 0, 0, true],
  [86, 'DeleteShareGroupState', 0, 0, true],
  [87, 'ReadShareGroupStateSummary', 0, 0, true],
];

export const CLIENT_API_KEYS: ReadonlyMap<number, ClientApiKey> = new Map(
  ROWS.map(([id, name, oldestVersion, latestVersion, clientApi]) => [id, { id, name, oldestVersion, latestVersion, clientApi }]),
);
