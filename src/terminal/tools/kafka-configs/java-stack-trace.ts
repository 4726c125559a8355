/**
 * `Throwable#printStackTrace()` text for the tools whose errors escape as Java stack traces
 * (kafka-configs' `Error while executing config command ...`, kafka-broker-api-versions' uncaught
 * exceptions). Frames are the call sites read in Kafka 3.9's sources and JDK 17's; Kafka's
 * `ApiException`s have none (`fillInStackTrace` returns `this`).
 */

export interface JavaThrowable {
  /** Fully qualified class name. */
  readonly javaClass: string;
  /** null prints the class name alone (`java.util.concurrent.TimeoutException`). */
  readonly message: string | null;
  /** `at` lines without the `\tat ` prefix, innermost first. */
  readonly frames: readonly string[];
  readonly cause?: JavaThrowable;
}

/** `Throwable#toString()`. */
export function throwableText(throwable: JavaThrowable): string {
  return throwable.message === null ? throwable.javaClass : `${throwable.javaClass}: ${throwable.message}`;
}

/** The whole trace, `Caused by:` sections and their `... N more` included, each line ending in `\n`. */
export function stackTraceText(throwable: JavaThrowable): string {
  let text = `${throwableText(throwable)}\n`;
  for (const frame of throwable.frames) text += `\tat ${frame}\n`;
  let enclosing = throwable;
  for (let cause = throwable.cause; cause; enclosing = cause, cause = cause.cause) {
    let m = cause.frames.length - 1;
    let n = enclosing.frames.length - 1;
    while (m >= 0 && n >= 0 && cause.frames[m] === enclosing.frames[n]) {
      m--;
      n--;
    }
    const inCommon = cause.frames.length - 1 - m;
    text += `Caused by: ${throwableText(cause)}\n`;
    for (const frame of cause.frames.slice(0, m + 1)) text += `\tat ${frame}\n`;
    if (inCommon !== 0) text += `\t... ${inCommon} more\n`;
  }
  return text;
}

/** What the JVM prints for an exception that leaves `main`: `Exception in thread "main" ` + the trace. */
export function uncaughtExceptionText(throwable: JavaThrowable): string {
  return `Exception in thread "main" ${stackTraceText(throwable)}`;
}
