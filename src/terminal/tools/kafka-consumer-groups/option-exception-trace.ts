/**
 * A jopt `OptionException` escaping `ConsumerGroupCommand.main` (the tool parses outside any try): the JVM
 * prints `Exception in thread "main" joptsimple.UnrecognizedOptionException: foo is not a recognized option`
 * and jopt-simple 5.0.4's frames, then exits with status 1. Frames are from the jopt 5.0.4 and Kafka 3.9
 * sources [inferred: no captured trace].
 */
import type { OptionException } from '../options/option-parser.ts';
import { thrownAt, type JavaThrowable } from '../kafka/java-exception.ts';

const PARSE = 'joptsimple.OptionParser.parse(OptionParser.java:396)';
const LONG_TOKEN = 'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)';
const SHORT_TOKEN = 'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:59)';

/** The frames of jopt for each exception it throws while parsing. */
function joptFrames(exception: OptionException): string[] {
  switch (exception.javaClass) {
    case 'joptsimple.UnrecognizedOptionException':
      // A one-letter name came from a short-option cluster (`-x`), a longer one from a long token.
      return /^\S /.test(exception.message)
        ? [
            'joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
            'joptsimple.OptionParser.validateOptionCharacters(OptionParser.java:633)',
            'joptsimple.OptionParser.handleShortOptionCluster(OptionParser.java:528)',
            'joptsimple.OptionParser.handleShortOptionToken(OptionParser.java:523)',
            SHORT_TOKEN,
            PARSE,
          ]
        : [
            'joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
            'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)',
            LONG_TOKEN,
            PARSE,
          ];
    case 'joptsimple.OptionMissingRequiredArgumentException':
      return [
        'joptsimple.RequiredArgumentOptionSpec.detectOptionArgument(RequiredArgumentOptionSpec.java:48)',
        'joptsimple.ArgumentAcceptingOptionSpec.handleOption(ArgumentAcceptingOptionSpec.java:257)',
        'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:513)',
        LONG_TOKEN,
        PARSE,
      ];
    case 'joptsimple.UnavailableOptionException':
      return ['joptsimple.OptionParser.ensureAllowedOptions(OptionParser.java:434)', 'joptsimple.OptionParser.parse(OptionParser.java:401)'];
    default:
      return [PARSE];
  }
}

/** The escaping exception, with `ConsumerGroupCommandOptions`' frames under jopt's. */
export function uncaughtOptionException(exception: OptionException, toolFrames: readonly string[]): JavaThrowable {
  return thrownAt(exception, [...joptFrames(exception), ...toolFrames]);
}

/** Where `ConsumerGroupCommand` parses: `fromArgs` in `main`. */
export const CONSUMER_GROUP_PARSE_FRAMES: readonly string[] = [
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions.<init>(ConsumerGroupCommandOptions.java:206)',
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions.fromArgs(ConsumerGroupCommandOptions.java:123)',
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.main(ConsumerGroupCommand.java:96)',
];
