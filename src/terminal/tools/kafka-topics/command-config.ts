/**
 * `--command-config <file>` as `Utils.loadProps` reads it: a Java properties file. Only the tools on
 * the learner's own machine have files; in the lab shell (no `readFile`) and for a missing path the
 * tool fails as Java does, with `java.nio.file.NoSuchFileException: <path>` (frames of JDK 17).
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { parseJavaProperties } from './admin/java-properties.ts';
import { JavaThrowable } from './java-throwable.ts';
import { executeFrames } from './topic-command-frames.ts';
import type { TopicCommandOptions } from './topic-command-options.ts';

const COMMAND_CONFIG_FRAMES: readonly string[] = [
  'org.apache.kafka.common.utils.Utils.loadProps(Utils.java:655)',
  'org.apache.kafka.common.utils.Utils.loadProps(Utils.java:642)',
  'org.apache.kafka.tools.TopicCommand$TopicCommandOptions.commandConfig(TopicCommand.java:888)',
  ...executeFrames(101),
];

const NO_SUCH_FILE_FRAMES: readonly string[] = [
  'java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)',
  'java.base/sun.nio.fs.UnixException.rethrowAsIOException(UnixException.java:106)',
  'java.base/sun.nio.fs.UnixException.rethrowAsIOException(UnixException.java:111)',
  'java.base/sun.nio.fs.UnixFileSystemProvider.newByteChannel(UnixFileSystemProvider.java:218)',
  'java.base/java.nio.file.Files.newByteChannel(Files.java:380)',
  'java.base/java.nio.file.Files.newByteChannel(Files.java:432)',
  'java.base/java.nio.file.spi.FileSystemProvider.newInputStream(FileSystemProvider.java:422)',
  'java.base/java.nio.file.Files.newInputStream(Files.java:160)',
  ...COMMAND_CONFIG_FRAMES,
];

/** The properties of `--command-config` (empty without the option). */
export async function loadCommandConfig(env: ToolEnvironment, opts: TopicCommandOptions): Promise<Map<string, string>> {
  if (!opts.has('command-config')) return new Map();
  const path = opts.string('command-config', { name: 'commandConfig', line: 888 }, executeFrames(101))!;
  let text: string;
  try {
    if (!env.readFile) throw Object.assign(new Error(path), { code: 'ENOENT' });
    text = await env.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new JavaThrowable('java.nio.file.NoSuchFileException', path, NO_SUCH_FILE_FRAMES);
    if (code === 'EISDIR') throw new JavaThrowable('java.io.IOException', 'Is a directory', COMMAND_CONFIG_FRAMES);
    throw new JavaThrowable('java.nio.file.AccessDeniedException', path, NO_SUCH_FILE_FRAMES);
  }
  return parseJavaProperties(text);
}
