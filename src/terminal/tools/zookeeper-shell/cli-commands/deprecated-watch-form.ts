/**
 * `retainCompatibility` of `ls`, `get` and `stat`: a third word (`get /x watch`) is the old watch form.
 * Java overwrites the third word of the command as typed with `-w`, warns on stderr and parses again.
 */
import type { CliCommandContext } from '../cli-command.ts';
import { parseCommandLine } from '../cli-options.ts';
import type { CliOption, ParsedCommandLine } from '../cli-options.ts';

export async function deprecatedWatchForm(
  line: ParsedCommandLine,
  words: string[],
  options: readonly CliOption[],
  context: CliCommandContext,
  warning: string,
): Promise<ParsedCommandLine> {
  if (line.args.length <= 2) return line;
  words[2] = '-w';
  await context.err(`${warning}\n`);
  return parseCommandLine(options, words);
}
