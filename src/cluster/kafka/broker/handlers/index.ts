/**
 * Every API handler the broker registers, one file per API (kfake style): the broker core's and the
 * group coordinator's.
 */
import type { AnyApiHandler } from '../api-handler.ts';
import alterConfigs from './alter-configs.ts';
import alterPartition from './alter-partition.ts';
import alterPartitionReassignments from './alter-partition-reassignments.ts';
import apiVersions from './api-versions.ts';
import controlledShutdown from './controlled-shutdown.ts';
import createPartitions from './create-partitions.ts';
import createTopics from './create-topics.ts';
import deleteGroups from './delete-groups.ts';
import deleteRecords from './delete-records.ts';
import deleteTopics from './delete-topics.ts';
import describeConfigs from './describe-configs.ts';
import describeGroups from './describe-groups.ts';
import fetch from './fetch.ts';
import findCoordinator from './find-coordinator.ts';
import heartbeat from './heartbeat.ts';
import incrementalAlterConfigs from './incremental-alter-configs.ts';
import initProducerId from './init-producer-id.ts';
import joinGroup from './join-group.ts';
import leaderAndIsr from './leader-and-isr.ts';
import leaveGroup from './leave-group.ts';
import listGroups from './list-groups.ts';
import listOffsets from './list-offsets.ts';
import listPartitionReassignments from './list-partition-reassignments.ts';
import metadata from './metadata.ts';
import offsetCommit from './offset-commit.ts';
import offsetFetch from './offset-fetch.ts';
import offsetForLeaderEpoch from './offset-for-leader-epoch.ts';
import produce from './produce.ts';
import stopReplica from './stop-replica.ts';
import syncGroup from './sync-group.ts';
import updateMetadata from './update-metadata.ts';

export const builtinApiHandlers: readonly AnyApiHandler[] = [
  produce,
  fetch,
  listOffsets,
  metadata,
  controlledShutdown,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  apiVersions,
  createTopics,
  deleteTopics,
  offsetForLeaderEpoch,
  describeConfigs,
  alterConfigs,
  createPartitions,
  deleteGroups,
  deleteRecords,
  alterPartition,
  incrementalAlterConfigs,
  alterPartitionReassignments,
  listPartitionReassignments,
  initProducerId,
  leaderAndIsr,
  stopReplica,
  updateMetadata,
];
