/** `Throwable#printStackTrace()` as the tools print it, on hand-made traces whose text Java's rules give. */
import { describe, expect, it } from 'vitest';
import { JavaException, thrownAt, wrapping } from './java-exception.ts';
import { stackTraceText, uncaughtExceptionText } from './java-stack-trace.ts';

describe('stackTraceText', () => {
  it('prints an ApiException (no frames) as its one line, a null message as the class alone', () => {
    expect(stackTraceText(new JavaException('org.apache.kafka.common.errors.TopicExistsException', "Topic 'test' already exists."))).toBe(
      "org.apache.kafka.common.errors.TopicExistsException: Topic 'test' already exists.\n",
    );
    expect(stackTraceText({ javaClass: 'java.util.concurrent.TimeoutException', message: null, frames: ['a.B.c(B.java:1)'] })).toBe('java.util.concurrent.TimeoutException\n\tat a.B.c(B.java:1)\n');
  });

  it('prints causes with "... N more" for the frames they share with the enclosing trace', () => {
    const text = stackTraceText({
      javaClass: 'java.lang.RuntimeException',
      message: 'outer',
      frames: ['a.B.c(B.java:1)', 'a.Main.main(Main.java:9)'],
      cause: { javaClass: 'java.io.IOException', message: null, frames: ['x.Y.z(Y.java:3)', 'a.Main.main(Main.java:9)'] },
    });
    expect(text).toBe('java.lang.RuntimeException: outer\n\tat a.B.c(B.java:1)\n\tat a.Main.main(Main.java:9)\nCaused by: java.io.IOException\n\tat x.Y.z(Y.java:3)\n\t... 1 more\n');
  });

  it('compares each cause with the one that encloses it, and prints a frameless cause as one line', () => {
    const api = new JavaException('org.apache.kafka.common.errors.TimeoutException', 'Timed out');
    const inner = new JavaException('java.lang.IllegalStateException', 'inner', ['p.Q.r(Q.java:5)', 'a.B.c(B.java:1)', 'a.Main.main(Main.java:9)'], api);
    const outer = wrapping('java.lang.RuntimeException', inner, ['a.B.c(B.java:2)', 'a.Main.main(Main.java:9)']);
    expect(uncaughtExceptionText(outer)).toBe(
      'Exception in thread "main" java.lang.RuntimeException: java.lang.IllegalStateException: inner\n' +
        '\tat a.B.c(B.java:2)\n' +
        '\tat a.Main.main(Main.java:9)\n' +
        'Caused by: java.lang.IllegalStateException: inner\n' +
        '\tat p.Q.r(Q.java:5)\n' +
        '\tat a.B.c(B.java:1)\n' +
        '\t... 1 more\n' +
        'Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out\n',
    );
  });

  it('prints an exception at the frames the tool knows only where it prints it', () => {
    const missing = new JavaException('java.nio.file.NoSuchFileException', 'client.properties');
    expect(stackTraceText(thrownAt(missing, ['x.Y.z(Y.java:3)']))).toBe('java.nio.file.NoSuchFileException: client.properties\n\tat x.Y.z(Y.java:3)\n');
    expect(String(missing)).toBe('java.nio.file.NoSuchFileException: client.properties');
  });
});
