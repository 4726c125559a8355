/**
 * Kafka's `Utils.loadProps(file)` over the tool environment: the learner's own files where the tools
 * run on their machine; none in the lab shell, where `--command-config x` fails as a missing file does
 * (`java.nio.file.NoSuchFileException: x`).
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { parseJavaProperties } from './java-properties.ts';

export const NO_SUCH_FILE = 'java.nio.file.NoSuchFileException';

/** The JDK 17 frames under `Utils.loadProps` when `Files.newInputStream` finds no file. */
export const NO_SUCH_FILE_FRAMES: readonly string[] = [
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

export async function loadProps(env: ToolEnvironment, path: string): Promise<Map<string, string>> {
  if (!env.readFile) throw new JavaException(NO_SUCH_FILE, path);
  let text: string;
  try {
    text = await env.readFile(path);
  } catch {
    throw new JavaException(NO_SUCH_FILE, path);
  }
  return parseJavaProperties(text);
}
