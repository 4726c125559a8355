/**
 * The stack frames of jopt-simple 5.0.4 (Kafka 3.9's) for the exceptions `OptionParser.parse` throws,
 * from where jopt throws up to `parse` itself; the tool's own frames (its options constructor, `main`)
 * follow. A long option (`--foo`) and a short one (`-foo`, read as the cluster `-f -o -o`) take different
 * paths through the parser. The lines were read from jopt-simple 5.0.4 itself (the long-option trace
 * is the one KAFKA_CLI.md 2.5 captured).
 */
import type { OptionException } from './option-parser.ts';

const PARSE = 'joptsimple.OptionParser.parse(OptionParser.java:396)';
const LONG_TOKEN = 'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)';
const SHORT_TOKEN = 'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:59)';

export function joptParseFrames(exception: OptionException): string[] {
  const short = exception.token === 'short';
  switch (exception.javaClass) {
    case 'joptsimple.UnrecognizedOptionException':
      return short
        ? [
            'joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
            'joptsimple.OptionParser.validateOptionCharacters(OptionParser.java:633)',
            'joptsimple.OptionParser.handleShortOptionCluster(OptionParser.java:528)',
            'joptsimple.OptionParser.handleShortOptionToken(OptionParser.java:523)',
            SHORT_TOKEN,
            PARSE,
          ]
        : ['joptsimple.OptionException.unrecognizedOption(OptionException.java:108)', 'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)', LONG_TOKEN, PARSE];
    case 'joptsimple.OptionMissingRequiredArgumentException':
      return [
        'joptsimple.RequiredArgumentOptionSpec.detectOptionArgument(RequiredArgumentOptionSpec.java:48)',
        'joptsimple.ArgumentAcceptingOptionSpec.handleOption(ArgumentAcceptingOptionSpec.java:257)',
        short ? 'joptsimple.OptionParser.handleShortOptionToken(OptionParser.java:520)' : 'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:513)',
        short ? SHORT_TOKEN : LONG_TOKEN,
        PARSE,
      ];
    case 'joptsimple.UnavailableOptionException':
      return ['joptsimple.OptionParser.ensureAllowedOptions(OptionParser.java:434)', 'joptsimple.OptionParser.parse(OptionParser.java:401)'];
    default:
      return [PARSE];
  }
}
