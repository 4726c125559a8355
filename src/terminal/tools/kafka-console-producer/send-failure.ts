/**
 * A record that could not be sent, and where the Java producer noticed: in `send()` itself (no
 * metadata within `max.block.ms`: `KafkaProducer.doSend` returns a `FutureFailure`) or when its batch
 * failed (`FutureRecordMetadata`). The two show different frames when `--sync`'s `get()` throws.
 */
import type { JavaException } from '../kafka/java-exception.ts';

export interface SendFailure {
  exception: JavaException;
  origin: 'send' | 'batch';
}

const CONSOLE_PRODUCER_FRAMES = [
  'kafka.tools.ConsoleProducer$.send(ConsoleProducer.scala:116)',
  'kafka.tools.ConsoleProducer$.loopReader(ConsoleProducer.scala:91)',
  'kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:100)',
  'kafka.tools.ConsoleProducer.main(ConsoleProducer.scala)',
];

/** The frames of the `ExecutionException` that `producer.send(record).get()` throws (Kafka 3.9 line numbers). */
export function executionExceptionFrames(failure: SendFailure): string[] {
  if (failure.origin === 'send') {
    return [
      'org.apache.kafka.clients.producer.KafkaProducer$FutureFailure.<init>(KafkaProducer.java:1513)',
      'org.apache.kafka.clients.producer.KafkaProducer.doSend(KafkaProducer.java:1115)',
      'org.apache.kafka.clients.producer.KafkaProducer.send(KafkaProducer.java:993)',
      'org.apache.kafka.clients.producer.KafkaProducer.send(KafkaProducer.java:875)',
      ...CONSOLE_PRODUCER_FRAMES,
    ];
  }
  return [
    'org.apache.kafka.clients.producer.internals.FutureRecordMetadata.valueOrError(FutureRecordMetadata.java:97)',
    'org.apache.kafka.clients.producer.internals.FutureRecordMetadata.get(FutureRecordMetadata.java:65)',
    'org.apache.kafka.clients.producer.internals.FutureRecordMetadata.get(FutureRecordMetadata.java:30)',
    ...CONSOLE_PRODUCER_FRAMES,
  ];
}
