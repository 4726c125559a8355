import { describe, expect, it } from 'vitest';
import { BadSubstitution, expandAll, expandText } from './expand-word.ts';
import { tokenize } from './tokenize.ts';
import type { Word } from './tokenize.ts';

const VALUES: Record<string, string> = { '?': '0', ports: ' 12181  22181\t32181 ', empty: '', one: 'x' };
const lookup = (name: string) => VALUES[name];

function words(line: string): Word[] {
  const result = tokenize(line);
  if (result.kind !== 'complete') throw new Error(`incomplete: ${line}`);
  return result.tokens.filter((token): token is Word => token.kind === 'word');
}

describe('expandAll', () => {
  it('splits unquoted expansions at blanks, joining their ends to what is next to them', () => {
    expect(expandAll(words('$ports'), lookup)).toEqual(['12181', '22181', '32181']);
    expect(expandAll(words('a$ports.b'), lookup)).toEqual(['a', '12181', '22181', '32181', '.b']);
    expect(expandAll(words('p$one$one'), lookup)).toEqual(['pxx']);
  });

  it('keeps quoted expansions whole, and an empty quoted one as an empty word', () => {
    expect(expandAll(words('"$ports" "$empty" \'\' "a$unset"'), lookup)).toEqual([' 12181  22181\t32181 ', '', '', 'a']);
  });

  it('drops an unquoted expansion that is empty', () => {
    expect(expandAll(words('echo $empty $unset x'), lookup)).toEqual(['echo', 'x']);
  });

  it('expands without splitting for assignments and redirection targets, and throws on a bad substitution', () => {
    expect(expandText(words('$ports')[0], lookup)).toBe(' 12181  22181\t32181 ');
    expect(() => expandAll(words('${a-b}'), lookup)).toThrow(new BadSubstitution('${a-b}'));
  });
});
