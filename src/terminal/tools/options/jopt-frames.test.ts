import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../testing/thrown-by.ts';
import { joptParseFrames } from './jopt-frames.ts';
import { OptionException, parseOptions, type OptionSpec } from './option-parser.ts';

const specs: OptionSpec[] = [{ name: 'topic', argument: 'required' }, { name: 'list' }];

const failure = (args: string[]) => thrownBy(() => parseOptions(specs, args), OptionException);

describe("jopt-simple 5.0.4's frames for what OptionParser.parse throws", () => {
  it('follows the long-option path for --foo and the short-option cluster for -foo', () => {
    expect(joptParseFrames(failure(['--list', '--foo']))).toEqual([
      'joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
      'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)',
      'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)',
      'joptsimple.OptionParser.parse(OptionParser.java:396)',
    ]);
    const short = failure(['-foo']);
    expect(short.message).toBe('f is not a recognized option');
    expect(joptParseFrames(short).slice(1, 3)).toEqual([
      'joptsimple.OptionParser.validateOptionCharacters(OptionParser.java:633)',
      'joptsimple.OptionParser.handleShortOptionCluster(OptionParser.java:528)',
    ]);
  });

  it('names the token that wanted an argument: --topic and -topic as the last word', () => {
    expect(joptParseFrames(failure(['--topic']))[2]).toBe('joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:513)');
    expect(joptParseFrames(failure(['-topic']))[2]).toBe('joptsimple.OptionParser.handleShortOptionToken(OptionParser.java:520)');
  });
});
