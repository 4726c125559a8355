/**
 * Whether the producer is idempotent, as Kafka 3.9's `ProducerConfig.postProcessAndValidateIdempotenceConfigs`
 * decides: `enable.idempotence` defaults to true, so the console producer (acks -1 by default) is idempotent.
 * A setting that idempotence cannot live with (acks other than all, retries 0, more than 5 requests in flight)
 * turns it off quietly (an INFO line the tools' WARN level hides) unless `enable.idempotence` was set, which
 * fails with ConfigException instead.
 */
import { JavaException } from '../kafka/java-exception.ts';

export interface IdempotenceInputs {
  /** `enable.idempotence` as given, or undefined when not set. */
  configured: boolean | undefined;
  /** -1 (all), 0 or 1. */
  acks: number;
  retries: number;
  maxInFlightRequestsPerConnection: number;
}

/** ProducerConfig's line numbers in Kafka 3.9 (3.9.0's ProducerConfig.java and AbstractConfig.java). */
const THROWN_AT = {
  retries: 'org.apache.kafka.clients.producer.ProducerConfig.postProcessAndValidateIdempotenceConfigs(ProducerConfig.java:575)',
  acks: 'org.apache.kafka.clients.producer.ProducerConfig.postProcessAndValidateIdempotenceConfigs(ProducerConfig.java:584)',
  inFlight: 'org.apache.kafka.clients.producer.ProducerConfig.postProcessAndValidateIdempotenceConfigs(ProducerConfig.java:594)',
} as const;
const POST_PROCESS = [
  'org.apache.kafka.clients.producer.ProducerConfig.postProcessParsedConfig(ProducerConfig.java:545)',
  'org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:116)',
  'org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:133)',
];

/** `enable.idempotence` after post-processing; throws ConfigException (with `callerFrames` under it) for a conflict the user asked for. */
export function idempotenceEnabled(inputs: IdempotenceInputs, callerFrames: readonly string[]): boolean {
  const enabled = inputs.configured ?? true;
  if (!enabled) return false;
  const explicit = inputs.configured !== undefined;
  const conflicts: Array<[keyof typeof THROWN_AT, boolean, string]> = [
    ['retries', inputs.retries === 0, 'Must set retries to non-zero when using the idempotent producer.'],
    ['acks', inputs.acks !== -1, 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.'],
    ['inFlight', inputs.maxInFlightRequestsPerConnection > 5, 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.'],
  ];
  for (const [where, conflict, message] of conflicts) {
    if (!conflict) continue;
    if (explicit) throw new JavaException('org.apache.kafka.common.config.ConfigException', message, [THROWN_AT[where], ...POST_PROCESS, ...callerFrames]);
    return false;
  }
  return true;
}
