/**
 * A jopt `OptionException` escaping `ConsumerGroupCommand.main` (the tool parses outside any try): the JVM
 * prints `Exception in thread "main" joptsimple.UnrecognizedOptionException: foo is not a recognized option`
 * and jopt-simple 5.0.4's frames, then exits with status 1. The tool's frames are from the Kafka 3.9
 * sources [inferred: no captured trace].
 */
import type { OptionException } from '../options/option-parser.ts';
import { thrownAt, type JavaThrowable } from '../kafka/java-exception.ts';
import { joptParseFrames } from '../options/jopt-frames.ts';

/** The escaping exception, with `ConsumerGroupCommandOptions`' frames under jopt's. */
export function uncaughtOptionException(exception: OptionException, toolFrames: readonly string[]): JavaThrowable {
  return thrownAt(exception, [...joptParseFrames(exception), ...toolFrames]);
}

/** Where `ConsumerGroupCommand` parses: `fromArgs` in `main`. */
export const CONSUMER_GROUP_PARSE_FRAMES: readonly string[] = [
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions.<init>(ConsumerGroupCommandOptions.java:206)',
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions.fromArgs(ConsumerGroupCommandOptions.java:123)',
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.main(ConsumerGroupCommand.java:96)',
];
