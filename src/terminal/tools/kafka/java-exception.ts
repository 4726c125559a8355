/**
 * Java exceptions as Kafka's tools print them. `JavaThrowable` is what a stack trace is made of (class,
 * message, frames, cause; see `java-stack-trace.ts`); `JavaException` is one the tools' code throws.
 * Kafka's `ApiException`s have no frames (`fillInStackTrace` returns `this`), so most print as one line:
 * `org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listTopics`.
 * Where a tool prints a whole trace, the frames are those of Kafka 3.9's and JDK 17's sources for the
 * path the real tool takes.
 */

export interface JavaThrowable {
  /** Fully qualified class name. */
  readonly javaClass: string;
  /** `null` prints the class name alone (`java.util.concurrent.TimeoutException`). */
  readonly message: string | null;
  /** `at` frames without the `\tat ` prefix, innermost first. */
  readonly frames: readonly string[];
  readonly cause?: JavaThrowable;
}

export class JavaException extends Error implements JavaThrowable {
  readonly javaClass: string;
  readonly frames: readonly string[];
  override readonly cause: JavaThrowable | undefined;

  constructor(javaClass: string, message: string, frames: readonly string[] = [], cause?: JavaThrowable) {
    super(message);
    this.name = 'JavaException';
    this.javaClass = javaClass;
    this.frames = frames;
    this.cause = cause;
  }

  /** `Throwable#toString()`: `class: message`. */
  override toString(): string {
    return throwableText(this);
  }

  /** The simple class name (`TimeoutException`). */
  get simpleName(): string {
    return this.javaClass.slice(this.javaClass.lastIndexOf('.') + 1);
  }
}

/**
 * A failure that carries the Java throwable a tool prints for it. Each tool's kind of failure (how its
 * `main` prints it: a stack trace after a message, `Exception in thread "main"`, ...) extends this.
 */
export class JavaThrowableError extends Error {
  readonly throwable: JavaThrowable;

  constructor(throwable: JavaThrowable) {
    super(throwable.message ?? throwable.javaClass);
    this.name = new.target.name;
    this.throwable = throwable;
  }
}

/** `Throwable#toString()`: `class: message`, or the class alone without a message. */
export function throwableText(throwable: JavaThrowable): string {
  return throwable.message === null ? throwable.javaClass : `${throwable.javaClass}: ${throwable.message}`;
}

/**
 * An exception (a `JavaException`, jopt's `OptionException`) as thrown at `frames` (innermost first),
 * for code that learns where the real tool throws it only where it prints the trace.
 */
export function thrownAt(exception: { readonly javaClass: string; readonly message: string | null }, frames: readonly string[], cause?: JavaThrowable): JavaThrowable {
  return { javaClass: exception.javaClass, message: exception.message, frames, cause };
}

/** An exception wrapping `cause` with the cause's text as its message (`new RuntimeException(e)`). */
export function wrapping(javaClass: string, cause: JavaThrowable, frames: readonly string[]): JavaThrowable {
  return { javaClass, message: throwableText(cause), frames, cause };
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
