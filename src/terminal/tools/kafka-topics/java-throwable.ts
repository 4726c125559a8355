/**
 * A Java exception with its stack frames and cause, printed as `Utils.stackTrace(e)` prints it
 * (`Throwable#printStackTrace`): `class: message`, one `\tat frame` line per frame, then
 * `Caused by: ...` lines, every line ending with a newline. Kafka's `ApiException`s have no frames
 * (they skip `fillInStackTrace`), so they are the one line; `IllegalArgumentException` and jopt's
 * exceptions carry the frames of where the real tool threw them (line numbers of Kafka 3.9.0).
 */
import { JavaException } from '../kafka/java-exception.ts';

export class JavaThrowable extends JavaException {
  /** `org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)`, innermost first. */
  readonly frames: readonly string[];
  readonly javaCause: JavaException | undefined;

  constructor(javaClass: string, message: string, frames: readonly string[] = [], cause?: JavaException) {
    super(javaClass, message);
    this.frames = frames;
    this.javaCause = cause;
  }
}

/** `Utils.stackTrace(e)`: the printed stack trace, ending with a newline. */
export function stackTrace(exception: JavaException): string {
  return printed(exception, []);
}

/** A cause prints the frames it does not share with its enclosing trace, then `... n more`. */
function printed(exception: JavaException, enclosing: readonly string[]): string {
  let text = `${exception.toString()}\n`;
  if (!(exception instanceof JavaThrowable)) return text;
  const frames = exception.frames;
  let shared = 0;
  while (shared < frames.length && shared < enclosing.length && frames[frames.length - 1 - shared] === enclosing[enclosing.length - 1 - shared]) shared++;
  for (const frame of frames.slice(0, frames.length - shared)) text += `\tat ${frame}\n`;
  if (shared > 0) text += `\t... ${shared} more\n`;
  if (exception.javaCause) text += `Caused by: ${printed(exception.javaCause, frames)}`;
  return text;
}
