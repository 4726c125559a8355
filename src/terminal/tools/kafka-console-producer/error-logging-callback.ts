/**
 * `ErrorLoggingCallback` (Kafka 3.9), the callback of every asynchronous send of the console
 * producer: a record that could not be sent is logged as ERROR with its key and value sizes, the
 * exception on the next line (Kafka's API exceptions have no stack frames).
 *
 *   [ts] ERROR Error when sending message to topic orders with key: null, value: 5 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)
 *   org.apache.kafka.common.errors.TimeoutException: Topic orders not present in metadata after 60000 ms.
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import type { JavaException } from '../kafka/java-exception.ts';
import { log4jLine } from '../kafka/log4j.ts';

const LOGGER = 'org.apache.kafka.clients.producer.internals.ErrorLoggingCallback';

export function errorLoggingCallbackText(env: ToolEnvironment, topic: string, key: Uint8Array | null, value: Uint8Array | null, exception: JavaException): string {
  const size = (bytes: Uint8Array | null) => (bytes === null ? 'null' : `${bytes.length} bytes`);
  const message = `Error when sending message to topic ${topic} with key: ${size(key)}, value: ${size(value)} with error:`;
  return `${log4jLine(env, 'ERROR', message, LOGGER)}${String(exception)}\n`;
}
