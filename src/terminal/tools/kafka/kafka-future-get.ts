/**
 * A failed `KafkaFuture#get`, as the admin tools wait for their calls: an `ExecutionException` around
 * the call's exception, thrown through `CompletableFuture` (JDK 17 frames) at the tool's call site;
 * `get(timeout, unit)` running out first is a bare `java.util.concurrent.TimeoutException`.
 */
import { wrapping, type JavaThrowable } from './java-exception.ts';

/** `KafkaFuture#get()` throwing `ExecutionException`. */
export const GET_FAILED_FRAMES: readonly string[] = [
  'java.base/java.util.concurrent.CompletableFuture.reportGet(CompletableFuture.java:396)',
  'java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2073)',
  'org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:165)',
];

/** `KafkaFuture#get(timeout, unit)` throwing `ExecutionException`. */
export const TIMED_GET_FAILED_FRAMES: readonly string[] = [
  'java.base/java.util.concurrent.CompletableFuture.reportGet(CompletableFuture.java:396)',
  'java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2096)',
  'org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:180)',
];

/** `KafkaFuture#get(timeout, unit)` running out of time. */
export const TIMED_GET_TIMED_OUT_FRAMES: readonly string[] = [
  'java.base/java.util.concurrent.CompletableFuture.timedGet(CompletableFuture.java:1960)',
  'java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2095)',
  'org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:180)',
];

/** A failed `get()` (`get(timeout, unit)` when `timed`) called from `callers` (innermost first). */
export function executionException(cause: JavaThrowable, callers: readonly string[], timed = false): JavaThrowable {
  return wrapping('java.util.concurrent.ExecutionException', cause, [...(timed ? TIMED_GET_FAILED_FRAMES : GET_FAILED_FRAMES), ...callers]);
}

/** `get(timeout, unit)` that ran out of time, called from `callers`. */
export function futureTimeout(callers: readonly string[]): JavaThrowable {
  return { javaClass: 'java.util.concurrent.TimeoutException', message: null, frames: [...TIMED_GET_TIMED_OUT_FRAMES, ...callers] };
}
