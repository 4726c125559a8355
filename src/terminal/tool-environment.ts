/**
 * Everything the lab shell's tools may reach, given by whoever hosts the shell: the server (for a
 * learner's page), the `kafkalab` CLI (on the learner's own machine), a test, or later a browser tab.
 *
 * There is no file system, no process and no network here beyond `transport`, and the server's
 * transport reaches only the cluster's own ports: a tool cannot reach anything else on the host.
 */
import type { Transport } from '../cluster/transport/transport.ts';
import type { LabCluster, LabClusterStatus, LabNodeStatus } from '../labs/lab-context.ts';

/** A node and the cluster's status as `kafkalab status` shows them: the runtime's view, as labs see it too. */
export type ShellClusterNode = LabNodeStatus;
export type ShellClusterStatus = LabClusterStatus;

/** The cluster as `kafkalab status|up|down|start|stop|kill` drives it: the labs' controls, plus `down`. */
export interface ShellCluster extends LabCluster {
  down(): Promise<unknown>;
}

export interface ToolEnvironment {
  /**
   * Byte streams to `host:port` (Kafka and ZooKeeper clients, `nc`). `localhost` must work. A refused
   * or forbidden address rejects as a refused connection does.
   */
  readonly transport: Transport;
  /** The cluster's controls; absent where there is none to drive (the tools on the learner's machine). */
  readonly cluster?: ShellCluster;
  /** Milliseconds since the epoch (log timestamps, record timestamps); tests may fix it. */
  now(): number;
  /**
   * The local time zone's offset from UTC in minutes, as `Date#getTimezoneOffset` gives it (log4j
   * prints local time).
   */
  timezoneOffset(at: number): number;
  /** The version the tools report (`--version`): Kafka 3.9.0. */
  readonly kafkaVersion: string;
  /**
   * Reads a file named on the command line (`--command-config client.properties`,
   * `--producer.config`). Only the tools on the learner's own machine have files; in the lab shell
   * this is absent and such an option fails as a missing file does (`java.nio.file.NoSuchFileException`).
   * Rejects with an error whose `code` is `ENOENT` when there is no such file.
   */
  readFile?(path: string): Promise<string>;
}
