/**
 * `Throwable#printStackTrace()` text, for the tools that print an exception's trace (`printError(...,
 * e)`, `Utils.stackTrace(e)`, a log4j line with its throwable) or let one escape `main`. A cause prints
 * the frames it does not share with its enclosing trace, then `... n more`. The frame lists here are the
 * JDK 17 and Kafka 3.9 frames that several tools' traces share.
 */
import { throwableText, type JavaThrowable } from './java-exception.ts';

/** The whole trace, `Caused by:` sections and their `... n more` included, each line ending with `\n`. */
export function stackTraceText(throwable: JavaThrowable): string {
  let text = `${throwableText(throwable)}\n`;
  for (const frame of throwable.frames) text += `\tat ${frame}\n`;
  let enclosing = throwable.frames;
  for (let cause = throwable.cause; cause; cause = cause.cause) {
    let inCommon = 0;
    while (inCommon < cause.frames.length && inCommon < enclosing.length && cause.frames[cause.frames.length - 1 - inCommon] === enclosing[enclosing.length - 1 - inCommon]) {
      inCommon++;
    }
    text += `Caused by: ${throwableText(cause)}\n`;
    for (const frame of cause.frames.slice(0, cause.frames.length - inCommon)) text += `\tat ${frame}\n`;
    if (inCommon > 0) text += `\t... ${inCommon} more\n`;
    enclosing = cause.frames;
  }
  return text;
}

/** What the JVM prints for an exception that leaves `main` (then it exits with status 1). */
export function uncaughtExceptionText(throwable: JavaThrowable): string {
  return `Exception in thread "main" ${stackTraceText(throwable)}`;
}

/** JDK 17 frames of `Class.forName` failing (ClassNotFoundException); the caller's frames follow. [inferred] */
export const CLASS_FOR_NAME_FRAMES: readonly string[] = [
  'java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)',
  'java.base/jdk.internal.loader.ClassLoaders$AppClassLoader.loadClass(ClassLoaders.java:188)',
  'java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:525)',
  'java.base/java.lang.Class.forName0(Native Method)',
  'java.base/java.lang.Class.forName(Class.java:375)',
];

/** JDK 17 and Kafka 3.9 frames of `Utils.loadProps` on a missing file (NoSuchFileException); the caller's follow. [inferred] */
export const LOAD_PROPS_FRAMES: readonly string[] = [
  'java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)',
  'java.base/sun.nio.fs.UnixException.rethrowAsIOException(UnixException.java:106)',
  'java.base/sun.nio.fs.UnixException.rethrowAsIOException(UnixException.java:111)',
  'java.base/sun.nio.fs.UnixFileSystemProvider.newByteChannel(UnixFileSystemProvider.java:218)',
  'java.base/java.nio.file.Files.newByteChannel(Files.java:380)',
  'java.base/java.nio.file.Files.newByteChannel(Files.java:432)',
  'java.base/java.nio.file.spi.FileSystemProvider.newInputStream(FileSystemProvider.java:422)',
  'java.base/java.nio.file.Files.newInputStream(Files.java:160)',
  'org.apache.kafka.common.utils.Utils.loadProps(Utils.java:655)',
  'org.apache.kafka.common.utils.Utils.loadProps(Utils.java:642)',
];
