/** A `ToolEnvironment` for tests: TCP on loopback (tests run in Node), a fixed or real clock, UTC. */
import { TcpTransport } from '../../cluster/transport/tcp-transport.ts';
import type { Transport } from '../../cluster/transport/transport.ts';
import type { ShellCluster, ToolEnvironment } from '../tool-environment.ts';

export interface TestToolEnvironmentOptions {
  transport?: Transport;
  cluster?: ShellCluster;
  /** A fixed time (ms since the epoch) for byte-exact log lines; default the real clock. */
  now?: number;
  /** Files the tools may read (`--command-config`), by path. */
  files?: Record<string, string>;
}

export function testToolEnvironment(options: TestToolEnvironmentOptions = {}): ToolEnvironment {
  return {
    transport: options.transport ?? new TcpTransport(),
    cluster: options.cluster,
    now: () => options.now ?? Date.now(),
    timezoneOffset: () => 0,
    kafkaVersion: '3.9.0',
    readFile: options.files
      ? async (path) => {
          const text = options.files?.[path];
          if (text === undefined) throw Object.assign(new Error(`${path}: no such file`), { code: 'ENOENT' });
          return text;
        }
      : undefined,
  };
}
