import { describe, expect, it } from 'vitest';
import { expandText } from './expand-word.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';

const PARAMETERS: Record<string, string> = { '?': '7', HOME: '/home/learner', p: '12181' };

/** Words as their text (with `$?` = 7, `$HOME`, `$p`), operators and redirections as `<op>` / `<2>&>`. */
function show(line: string): string[] | string {
  const result = tokenize(line);
  if (result.kind === 'incomplete') return `incomplete ${result.open}`;
  return result.tokens.map(showToken);
}

function showToken(token: Token): string {
  if (token.kind === 'word') return expandText(token, (name) => PARAMETERS[name]);
  if (token.kind === 'operator') return `<${token.operator}>`;
  return `<${token.fd ?? ''}${token.operator}>`;
}

describe('tokenize', () => {
  it('splits on blanks and keeps runs of blanks out', () => {
    expect(show('kafka-topics  --list\t--bootstrap-server localhost:19092')).toEqual(['kafka-topics', '--list', '--bootstrap-server', 'localhost:19092']);
    expect(show('   ')).toEqual([]);
    expect(show('')).toEqual([]);
  });

  it('keeps everything inside single quotes, backslashes and double quotes included', () => {
    expect(show(`echo 'a  b' 'it''s' '\\n "x" $?'`)).toEqual(['echo', 'a  b', 'its', '\\n "x" $?']);
  });

  it('makes an empty word of empty quotes', () => {
    expect(show(`echo '' ""`)).toEqual(['echo', '', '']);
  });

  it('joins quoted and unquoted pieces of one word', () => {
    expect(show(`--property "print.key"=true key.separator=':'`)).toEqual(['--property', 'print.key=true', 'key.separator=:']);
  });

  it('in double quotes, a backslash escapes only $ ` " \\ and newline', () => {
    expect(show('echo "a\\"b" "c\\\\d" "\\$x" "\\n\\t" "e\\`"')).toEqual(['echo', 'a"b', 'c\\d', '$x', '\\n\\t', 'e`']);
    expect(show('echo "one\\\ntwo"')).toEqual(['echo', 'onetwo']);
  });

  it('outside quotes, a backslash keeps the next character and a backslash-newline joins lines', () => {
    expect(show(String.raw`echo a\ b \'x\' \\ \|`)).toEqual(['echo', 'a b', "'x'", '\\', '|']);
    expect(show('kafka-topics \\\n  --list')).toEqual(['kafka-topics', '--list']);
  });

  it('expands $? outside quotes and in double quotes, not in single quotes', () => {
    expect(show(`echo $? "[$?]" '$?' \\$? x$?y`)).toEqual(['echo', '7', '[7]', '$?', '$?', 'x7y']);
  });

  it('reads $name and ${name} outside quotes and in double quotes, not in single quotes', () => {
    expect(show(`echo $HOME "$HOME/x" '$HOME' \\$HOME port=$p: \${p}1 "\${p}" $unset.`)).toEqual([
      'echo', '/home/learner', '/home/learner/x', '$HOME', '$HOME', 'port=12181:', '121811', '12181', '.',
    ]);
  });

  it('marks which parts were quoted (only unquoted expansions are split, only unquoted words are reserved)', () => {
    const result = tokenize(`for a"b"'c' $p "$p"`);
    expect(result.kind === 'complete' && result.tokens.map((token) => (token.kind === 'word' ? token.parts : token))).toEqual([
      [{ kind: 'literal', text: 'for', quoted: false }],
      [{ kind: 'literal', text: 'a', quoted: false }, { kind: 'literal', text: 'bc', quoted: true }],
      [{ kind: 'parameter', name: 'p', quoted: false }],
      [{ kind: 'literal', text: '', quoted: true }, { kind: 'parameter', name: 'p', quoted: true }],
    ]);
  });

  it('keeps a ${...} that holds no name for a bad substitution, and asks for more after an open ${', () => {
    const result = tokenize('echo ${a b}');
    expect(result.kind === 'complete' && result.tokens[1]).toEqual({ kind: 'word', parts: [{ kind: 'bad-substitution', text: '${a b}', quoted: false }] });
    expect(show('echo ${HOME')).toBe('incomplete ${');
    expect(show('echo "${HOME')).toBe('incomplete ${');
  });

  it('leaves other dollars alone', () => {
    expect(show('echo $ a$ $1x $-')).toEqual(['echo', '$', 'a$', '$1x', '$-']);
  });

  it('starts a comment only at the start of a word', () => {
    expect(show('echo a # a comment | grep x')).toEqual(['echo', 'a']);
    expect(show('echo a#b "#c" \\#d')).toEqual(['echo', 'a#b', '#c', '#d']);
    expect(show('# only a comment')).toEqual([]);
    expect(show('echo a # comment\necho b')).toEqual(['echo', 'a', '<\n>', 'echo', 'b']);
  });

  it('reads the control operators, longest first, with or without blanks', () => {
    expect(show('a|b||c&&d;e&f')).toEqual(['a', '<|>', 'b', '<||>', 'c', '<&&>', 'd', '<;>', 'e', '<&>', 'f']);
    expect(show('a ;; b ( c )')).toEqual(['a', '<;;>', 'b', '<(>', 'c', '<)>']);
  });

  it('reads redirections and the fd number written right before them', () => {
    expect(show('cmd 2>/dev/null >/dev/null 2>&1 1>&2 &>/dev/null </dev/null >>log')).toEqual([
      'cmd', '<2>>', '/dev/null', '<>>', '/dev/null', '<2>&>', '1', '<1>&>', '2', '<&>>', '/dev/null', '<<>', '/dev/null', '<>>>', 'log',
    ]);
  });

  it('takes a number as an fd only when it is a whole unquoted word', () => {
    expect(show('echo a2>x')).toEqual(['echo', 'a2', '<>>', 'x']);
    expect(show('echo "2">x')).toEqual(['echo', '2', '<>>', 'x']);
    expect(show('echo 2 >x')).toEqual(['echo', '2', '<>>', 'x']);
    expect(show('echo 12>x')).toEqual(['echo', '<12>>', 'x']);
  });

  it('does not see operators inside quotes', () => {
    expect(show(`grep 'a|b' "c;d" 'x > y'`)).toEqual(['grep', 'a|b', 'c;d', 'x > y']);
  });

  it('says which quote is still open (the shell then asks for more)', () => {
    expect(show(`echo 'abc`)).toBe(`incomplete '`);
    expect(show(`echo "abc`)).toBe('incomplete "');
    expect(show(`echo "it's`)).toBe('incomplete "');
    expect(show(`echo abc\\`)).toBe('incomplete \\');
    expect(show(`echo "abc\\`)).toBe('incomplete "');
  });

  it('keeps the line end inside a quote that spans lines', () => {
    expect(show(`echo 'a\nb' "c\nd"`)).toEqual(['echo', 'a\nb', 'c\nd']);
  });

  it('reads characters, not bytes', () => {
    expect(show(`echo 'héllo wörld' 日本 🎉`)).toEqual(['echo', 'héllo wörld', '日本', '🎉']);
  });
});
