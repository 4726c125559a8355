/**
 * A Java exception as Kafka's tools print it: `org.apache.kafka.common.errors.TimeoutException: Timed
 * out waiting for a node assignment. Call: listTopics`. Kafka's `ApiException`s have no stack frames, so
 * that one line is all of it.
 */
export class JavaException extends Error {
  /** Fully qualified class name. */
  readonly javaClass: string;

  constructor(javaClass: string, message: string) {
    super(message);
    this.name = 'JavaException';
    this.javaClass = javaClass;
  }

  /** `Throwable#toString()`: `class: message`. */
  override toString(): string {
    return `${this.javaClass}: ${this.message}`;
  }

  /** The simple class name (`TimeoutException`). */
  get simpleName(): string {
    return this.javaClass.slice(this.javaClass.lastIndexOf('.') + 1);
  }
}

const ERRORS = 'org.apache.kafka.common.errors.';

/** `org.apache.kafka.common.errors.<name>`. */
export function kafkaException(simpleName: string, message: string): JavaException {
  return new JavaException(ERRORS + simpleName, message);
}

/** What an admin call that never found a broker fails with (`default.api.timeout.ms` elapsed). */
export function nodeAssignmentTimeout(call: string): JavaException {
  return kafkaException('TimeoutException', `Timed out waiting for a node assignment. Call: ${call}`);
}
