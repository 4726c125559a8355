/**
 * The WARN lines Kafka's Java clients print when a node cannot be reached (NetworkClient, 3.9
 * wording), made from kafkajs' connection errors:
 *
 *   [ts] WARN [AdminClient clientId=adminclient-1] Connection to node -1 (localhost/127.0.0.1:9092) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)
 *
 * Node ids: -1, -2, ... for the bootstrap addresses until the brokers are known (`learnBrokers`),
 * then the broker ids. Repeats follow Java's reconnect backoff (50 ms doubling to 1 s) rather than
 * kafkajs' own retry rhythm.
 */
import type { logLevel as LogLevel, LogEntry } from 'kafkajs';
import type { OutputStream } from '../../command.ts';
import type { ToolEnvironment } from '../../tool-environment.ts';
import { log4jLine } from './log4j.ts';
import { hostAndPort } from './bootstrap-addresses.ts';
import { javaSocketAddress } from './socket-address.ts';

const NETWORK_CLIENT = 'org.apache.kafka.clients.NetworkClient';
const RECONNECT_BACKOFF_MS = 50;
const RECONNECT_BACKOFF_MAX_MS = 1000;

export class NetworkClientWarnings {
  readonly #env: ToolEnvironment;
  readonly #stderr: OutputStream;
  readonly #logContext: string;
  readonly #nodeIds = new Map<string, number>();
  readonly #failures = new Map<string, { count: number; lastAt: number }>();

  /** `logContext` is the client's prefix, e.g. `[AdminClient clientId=adminclient-1] `. */
  constructor(env: ToolEnvironment, stderr: OutputStream, logContext: string, bootstrapServers: readonly string[]) {
    this.#env = env;
    this.#stderr = stderr;
    this.#logContext = logContext;
    bootstrapServers.forEach((address, index) => this.#nodeIds.set(address, -(index + 1)));
  }

  /** From now on, addresses are the brokers' (from a metadata answer). */
  learnBrokers(brokers: ReadonlyArray<{ nodeId: number; host: string; port: number }>): void {
    for (const broker of brokers) this.#nodeIds.set(`${broker.host}:${broker.port}`, broker.nodeId);
  }

  /** A connection to `host:port` succeeded: the backoff starts over. */
  connected(address: string): void {
    this.#failures.delete(address);
  }

  /** A connection to `address` (`host:port`) failed: prints the WARN unless the backoff says it is too soon. */
  connectionFailed(address: string): void {
    const hostPort = hostAndPort(address);
    if (!hostPort) return;
    const now = this.#env.now();
    const previous = this.#failures.get(address);
    if (previous && now - previous.lastAt < Math.min(RECONNECT_BACKOFF_MAX_MS, RECONNECT_BACKOFF_MS * 2 ** (previous.count - 1))) return;
    this.#failures.set(address, { count: (previous?.count ?? 0) + 1, lastAt: now });
    const nodeId = this.#nodeIds.get(address) ?? -1;
    const message = `${this.#logContext}Connection to node ${nodeId} (${javaSocketAddress(hostPort.host, hostPort.port)}) could not be established. Node may not be available.`;
    void this.#stderr.write(log4jLine(this.#env, 'WARN', message, NETWORK_CLIENT));
  }

  /** A kafkajs `logCreator` that turns its connection errors into these warnings and drops the rest. */
  logCreator(): (level: LogLevel) => (entry: LogEntry) => void {
    return () => (entry) => {
      const { message, broker } = entry.log as { message?: string; broker?: string };
      if (typeof broker !== 'string' || typeof message !== 'string') return;
      if (message.startsWith('Connection error') || message === 'Connection timeout') this.connectionFailed(broker);
    };
  }
}
