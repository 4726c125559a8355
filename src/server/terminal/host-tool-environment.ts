/**
 * The tools' environment on a real machine: the real clock and the machine's time zone (log4j prints
 * local time), Kafka 3.9.0 as the version, and whatever network, cluster controls and files the host
 * grants (the server's terminal: the cluster's ports and controls, no files; the learner's own terminal:
 * any address and their files).
 */
import type { Transport } from '../../cluster/transport/transport.ts';
import type { ShellCluster, ToolEnvironment } from '../../terminal/tool-environment.ts';

/** The Apache Kafka release whose tools the lab shell reproduces (`--version`). */
export const KAFKA_TOOLS_VERSION = '3.9.0';

export interface HostToolEnvironmentOptions {
  transport: Transport;
  cluster?: ShellCluster;
  readFile?: (path: string) => Promise<string>;
}

export function hostToolEnvironment(options: HostToolEnvironmentOptions): ToolEnvironment {
  return {
    transport: options.transport,
    cluster: options.cluster,
    now: () => Date.now(),
    timezoneOffset: (at) => new Date(at).getTimezoneOffset(),
    kafkaVersion: KAFKA_TOOLS_VERSION,
    ...(options.readFile ? { readFile: options.readFile } : {}),
  };
}
