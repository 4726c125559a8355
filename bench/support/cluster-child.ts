/**
 * The embedded-cluster child process (`kafka-cluster-process.ts`) as the benches drive it: what its
 * `ready` line and its `memory`/`gc` and `usage` answers hold, and how to start one with extra broker
 * settings on top of the course's.
 */
import { join } from 'node:path';
import { spawnJsonChild } from './json-child.ts';
import type { JsonChild } from './json-child.ts';

export interface ClusterReady {
  /** Since the child started: Node's start-up and loading the cluster's modules. */
  loadedAtMs: number;
  /** `EmbeddedCluster.start`. */
  startMs: number;
  readyAtMs: number;
  /** RSS before the cluster started, and once it was ready. */
  rssBaseline: number;
  rss: number;
  bootstrap: string[];
}

/** `process.memoryUsage()` plus the bytes and batches in every replica's log. */
export interface ClusterMemory {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
  logBytes: number;
  logBatches: number;
}

/** CPU time and page faults of the child so far: a run's cost is the difference of two readings. */
export interface ClusterUsage {
  userMs: number;
  systemMs: number;
  minorPageFaults: number;
  rss: number;
}

export function spawnClusterChild(brokerConfig: Record<string, unknown> = {}): Promise<JsonChild<ClusterReady>> {
  return spawnJsonChild<ClusterReady>(join(import.meta.dirname, 'kafka-cluster-process.ts'), undefined, {
    KAFKALAB_BENCH_BROKER_CONFIG: JSON.stringify(brokerConfig),
  });
}
