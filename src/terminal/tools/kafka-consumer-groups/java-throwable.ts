/**
 * Java exceptions with stack frames, printed as `Throwable.printStackTrace()` does: the tools print some
 * failures that way (`printError(..., Optional.of(e))`, an exception escaping `main`). Kafka's own
 * `ApiException`s have no frames (`fillInStackTrace` returns `this`), so a cause like
 * `org.apache.kafka.common.errors.TimeoutException` prints as one `Caused by:` line.
 *
 * The frames are those of Kafka 3.9's sources (file and line) for the paths the tools take; the JDK's
 * own frames are JDK 17's [inferred: the reference shows no captured trace].
 */
import { JavaException } from '../kafka/java-exception.ts';

export interface JavaThrowable {
  /** Fully qualified class name. */
  readonly javaClass: string;
  /** `null` prints the class name alone. */
  readonly message: string | null;
  /** `at ...` frames without the `\tat ` prefix, innermost first. */
  readonly frames: readonly string[];
  readonly cause?: JavaThrowable;
}

/** `Throwable#toString()`. */
export function throwableText(throwable: JavaThrowable): string {
  return throwable.message === null ? throwable.javaClass : `${throwable.javaClass}: ${throwable.message}`;
}

/** A Kafka `ApiException` (or any `JavaException`): no frames. */
export function throwableOf(exception: JavaException | JavaThrowable): JavaThrowable {
  if (exception instanceof JavaException) return { javaClass: exception.javaClass, message: exception.message, frames: [] };
  return exception;
}

/** An exception wrapping `cause` with the cause's text as its message (`new RuntimeException(e)`). */
export function wrapping(javaClass: string, cause: JavaException | JavaThrowable, frames: readonly string[]): JavaThrowable {
  const inner = throwableOf(cause);
  return { javaClass, message: throwableText(inner), frames, cause: inner };
}

/** `Throwable.printStackTrace()` text, each line ending with `\n`; common trailing frames become `... n more`. */
export function stackTraceText(throwable: JavaThrowable): string {
  let text = `${throwableText(throwable)}\n`;
  for (const frame of throwable.frames) text += `\tat ${frame}\n`;
  let enclosing = throwable.frames;
  for (let cause = throwable.cause; cause; cause = cause.cause) {
    let inCommon = 0;
    while (
      inCommon < cause.frames.length &&
      inCommon < enclosing.length &&
      cause.frames[cause.frames.length - 1 - inCommon] === enclosing[enclosing.length - 1 - inCommon]
    ) {
      inCommon++;
    }
    text += `Caused by: ${throwableText(cause)}\n`;
    for (const frame of cause.frames.slice(0, cause.frames.length - inCommon)) text += `\tat ${frame}\n`;
    if (inCommon > 0) text += `\t... ${inCommon} more\n`;
    enclosing = cause.frames;
  }
  return text;
}

/** What the JVM prints for an exception escaping `main` (then it exits with status 1). */
export function uncaughtInMainText(throwable: JavaThrowable): string {
  return `Exception in thread "main" ${stackTraceText(throwable)}`;
}

/** JDK 17 frames of `KafkaFuture#get()` throwing its `ExecutionException`. */
export const KAFKA_FUTURE_GET_FRAMES: readonly string[] = [
  'java.base/java.util.concurrent.CompletableFuture.reportGet(CompletableFuture.java:396)',
  'java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2073)',
  'org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:165)',
];

/** A failed `KafkaFuture#get()` called from `callers` (innermost first): `ExecutionException` around `cause`. */
export function executionException(cause: JavaException | JavaThrowable, callers: readonly string[]): JavaThrowable {
  return wrapping('java.util.concurrent.ExecutionException', cause, [...KAFKA_FUTURE_GET_FRAMES, ...callers]);
}
