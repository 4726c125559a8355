/**
 * The kafkajs client a Kafka tool talks through: the tool environment's transport, Java-like
 * timeouts and reconnect backoff, and NetworkClient's WARN lines on stderr when a node is down.
 *
 *   const { kafka, warnings } = createToolKafka(context, {
 *     bootstrapServers: ['localhost:19092'], clientId: 'adminclient-1',
 *     logContext: '[AdminClient clientId=adminclient-1] ',
 *   });
 */
import kafkajs from 'kafkajs';
import './kafkajs-idle-timer-fix.ts';
import './kafkajs-compression-codecs.ts';
import type { Kafka } from 'kafkajs';
import type { Transport } from '../../../cluster/transport/transport.ts';
import type { CommandContext, OutputStream } from '../../command.ts';
import { GatedOutput } from './gated-output.ts';
import { KillableTransport } from './killable-transport.ts';
import { NetworkClientWarnings } from './network-client-warnings.ts';
import { transportSocketFactory } from './transport-socket-factory.ts';

const { Kafka: KafkaClient, logLevel } = kafkajs;

export interface ToolKafkaOptions {
  /** `host:port` addresses, as given to `--bootstrap-server` (split on commas). */
  bootstrapServers: readonly string[];
  /** kafkajs' client id (what the broker sees). */
  clientId: string;
  /** The Java client's log prefix, e.g. `[Producer clientId=console-producer] `. */
  logContext: string;
  /** `request.timeout.ms` (Java default 30 000). */
  requestTimeoutMs?: number;
  /** How many times kafkajs retries a call (1 s apart at most); size it to the tool's timeout. */
  retries?: number;
  /** Wraps the environment's transport for this client (a tap on its traffic). */
  wrapTransport?: (transport: Transport) => Transport;
}

export interface ToolKafka {
  kafka: Kafka;
  warnings: NetworkClientWarnings;
  /** Where the client's log lines go: the tool's stderr until `silence`. */
  log: OutputStream;
  /** No more log lines from this client: the tool is closing it. */
  silence(): void;
  /**
   * Ends the client for good, whatever kafkajs is still doing: silences it, destroys every connection
   * it has open and refuses every new one (see `killable-transport.ts`, `closeThenKill`).
   */
  kill(): void;
}

export function createToolKafka(context: CommandContext, options: ToolKafkaOptions): ToolKafka {
  const log = new GatedOutput(context.stderr);
  const transport = new KillableTransport(options.wrapTransport ? options.wrapTransport(context.env.transport) : context.env.transport);
  const warnings = new NetworkClientWarnings(context.env, log, options.logContext, options.bootstrapServers);
  const kafka = new KafkaClient({
    clientId: options.clientId,
    brokers: [...options.bootstrapServers],
    socketFactory: transportSocketFactory(transport),
    logLevel: logLevel.ERROR,
    logCreator: warnings.logCreator(),
    connectionTimeout: 10_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: { initialRetryTime: 50, maxRetryTime: 1_000, retries: options.retries ?? 60, factor: 0.2, multiplier: 2 },
  });
  const kill = () => {
    log.close();
    transport.kill();
  };
  return { kafka, warnings, log, silence: () => log.close(), kill };
}
