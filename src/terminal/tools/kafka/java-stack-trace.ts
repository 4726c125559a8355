/**
 * `Throwable#printStackTrace()` text, for the tools that let an exception escape (`e.printStackTrace()`
 * in ConsoleProducer's main) or log one (log4j prints the trace after the message line). Frames are
 * the Kafka 3.9 source's own line numbers where the tool knows them; Kafka's `ApiException`s have none.
 */
import type { JavaException } from './java-exception.ts';

/** `class: message`, then one `\tat frame` line per frame, then `Caused by: ...` for a cause; ends with a newline. */
export function javaStackTrace(exception: JavaException, frames: readonly string[] = [], cause?: JavaException): string {
  const lines = [String(exception), ...frames.map((frame) => `\tat ${frame}`)];
  if (cause) lines.push(`Caused by: ${String(cause)}`);
  return `${lines.join('\n')}\n`;
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
