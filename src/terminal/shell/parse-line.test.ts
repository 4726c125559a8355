import { describe, expect, it } from 'vitest';
import { expandText } from './expand-word.ts';
import { parseLine } from './parse-line.ts';
import type { ListItem, ParsedLine, ShellCommand } from './parse-line.ts';
import type { Word } from './tokenize.ts';

const text = (word: Word) => expandText(word, (name) => `$${name}`);

/** A command in a compact form: `a=1 echo a [2>/dev/null]`, `for p in 1 2 { ;echo $p }`. */
function showCommand(command: ShellCommand): string {
  const redirections = command.redirections.map((r) => `[${r.fd}${r.operator}${text(r.target)}]`);
  if (command.kind === 'for') {
    const values = command.values === null ? '' : [' in', ...command.values.map(text)].join(' ');
    return [`for ${command.name}${values} { ${showItems(command.body).join(' ')} }`, ...redirections].join(' ');
  }
  return [...command.assignments.map((a) => `${a.name}=${text(a.value)}`), ...command.words.map(text), ...redirections].join(' ');
}

function showItems(items: ListItem[]): string[] {
  return items.map((item) => item.connector + item.pipeline.commands.map(showCommand).join(' | '));
}

/** A parsed line in a compact form: `;echo a | head -1` items, redirections as `[2>/dev/null]`. */
function show(line: string): string[] | ParsedLine {
  const parsed = parseLine(line);
  if (parsed.kind !== 'list') return parsed;
  return showItems(parsed.items);
}

describe('parseLine', () => {
  it('reads one command', () => {
    expect(show('kafka-topics --list')).toEqual([';kafka-topics --list']);
  });

  it('reads nothing from a blank line or a comment', () => {
    expect(show('')).toEqual([]);
    expect(show('   # nothing')).toEqual([]);
  });

  it('reads pipelines', () => {
    expect(show('kafka-topics --list | grep -v __ | wc -l')).toEqual([';kafka-topics --list | grep -v __ | wc -l']);
  });

  it('reads lists joined by ; && ||', () => {
    expect(show('a; b && c || d;')).toEqual([';a', ';b', '&&c', '||d']);
    expect(show('a | b && c')).toEqual([';a | b', '&&c']);
  });

  it('treats a line end inside a multi-line command as ;', () => {
    expect(show('a\nb')).toEqual([';a', ';b']);
    expect(show('a;\n\nb')).toEqual([';a', ';b']);
  });

  it('lets a pipe or && continue on the next line', () => {
    expect(show('a |\n b')).toEqual([';a | b']);
    expect(show('a &&\n\n b')).toEqual([';a', '&&b']);
  });

  it('asks for more after a trailing | && || or inside a quote', () => {
    expect(parseLine('a |')).toEqual({ kind: 'incomplete', open: '|' });
    expect(parseLine('a &&')).toEqual({ kind: 'incomplete', open: '&&' });
    expect(parseLine('a ||  ')).toEqual({ kind: 'incomplete', open: '||' });
    expect(parseLine(`echo 'x`)).toEqual({ kind: 'incomplete', open: "'" });
    expect(parseLine('echo \\')).toEqual({ kind: 'incomplete', open: '\\' });
  });

  it('collects redirections with their default fd', () => {
    expect(show('cmd a 2>/dev/null b >/dev/null 2>&1 </dev/null &>/dev/null')).toEqual([
      ';cmd a b [2>/dev/null] [1>/dev/null] [2>&1] [0</dev/null] [1&>/dev/null]',
    ]);
  });

  it('accepts a command of redirections only', () => {
    expect(show('>/dev/null')).toEqual([';[1>/dev/null]']);
  });

  it("reports bash's syntax errors", () => {
    const error = (token: string) => ({ kind: 'error', message: `syntax error near unexpected token \`${token}'` });
    expect(parseLine('| grep x')).toEqual(error('|'));
    expect(parseLine('a | | b')).toEqual(error('|'));
    expect(parseLine('; a')).toEqual(error(';'));
    expect(parseLine('a ;; b')).toEqual(error(';;'));
    expect(parseLine('a && || b')).toEqual(error('||'));
    expect(parseLine('echo >')).toEqual(error('newline'));
    expect(parseLine('echo > | x')).toEqual(error('|'));
    expect(parseLine('echo 2> 2>&1')).toEqual(error('2>&'));
    expect(parseLine('(echo a)')).toEqual(error('('));
  });

  it('reads assignments before the command name, not after it, and not quoted ones', () => {
    expect(show('p=12181 host=localhost')).toEqual([';p=12181 host=localhost']);
    expect(show('a=1 echo b=2')).toEqual([';a=1 echo b=2']);
    expect(parseLine('a=1 echo b=2').kind === 'list' && (parseLine('a=1 echo b=2') as { items: ListItem[] }).items[0].pipeline.commands[0]).toMatchObject({
      assignments: [{ name: 'a' }],
      words: [{ parts: [{ text: 'echo' }] }, { parts: [{ text: 'b=2' }] }],
    });
    expect(show(`x="a b"'c' empty= "q=1" 1x=2`)).toEqual([';x=a bc empty= q=1 1x=2']);
    const quoted = parseLine('"q=1"');
    expect(quoted.kind === 'list' && quoted.items[0].pipeline.commands[0]).toMatchObject({ assignments: [], words: [{}] });
  });

  it('reads a for loop on one line or several, with or without in, piped and redirected', () => {
    expect(show('for p in 12181 22181; do echo srvr | nc localhost $p | grep Mode; done')).toEqual([
      ';for p in 12181 22181 { ;echo srvr | nc localhost $p | grep Mode }',
    ]);
    expect(show('for p in 1 2\ndo\n  echo $p\n  echo x\ndone')).toEqual([';for p in 1 2 { ;echo $p ;echo x }']);
    expect(show('for p\ndo echo $p; done; for q; do echo; done')).toEqual([';for p { ;echo $p }', ';for q { ;echo }']);
    expect(show('for p in a; do for q in b c; do echo $p$q; done; done | wc -l 2>/dev/null && echo ok')).toEqual([
      ';for p in a { ;for q in b c { ;echo $p$q } } | wc -l [2>/dev/null]',
      '&&echo ok',
    ]);
    expect(show('for p in; do echo; done >/dev/null')).toEqual([';for p in { ;echo } [1>/dev/null]']);
    expect(show('echo for do done in')).toEqual([';echo for do done in']);
    expect(show('for p in do done; do echo $p; done')).toEqual([';for p in do done { ;echo $p }']);
  });

  it('asks for more while a for loop has no done yet', () => {
    for (const line of ['for p', 'for p in 1 2', 'for p in 1 2;', 'for p in 1 2; do', 'for p in 1; do echo $p;', 'for p in 1; do for q in 2; do echo; done']) {
      expect(parseLine(line)).toEqual({ kind: 'incomplete', open: 'for' });
    }
    expect(parseLine('for p in 1; do echo |')).toEqual({ kind: 'incomplete', open: '|' });
  });

  it("reports bash's syntax errors in malformed loops", () => {
    const error = (token: string) => ({ kind: 'error', message: `syntax error near unexpected token \`${token}'` });
    expect(parseLine('for')).toEqual(error('newline'));
    expect(parseLine('for ;')).toEqual(error(';'));
    expect(parseLine('for p in 1 2; echo $p; done')).toEqual(error('echo'));
    expect(parseLine('for p in 1 2 do echo $p; done')).toEqual(error('done'));
    expect(parseLine('for p in 1; do; done')).toEqual(error(';'));
    expect(parseLine('for p in 1; do done')).toEqual(error('done'));
    expect(parseLine('for p in 1 | x')).toEqual(error('|'));
    expect(parseLine('for p in 1; do echo; done x')).toEqual(error('x'));
    expect(parseLine('for p in 1; do echo && done')).toEqual(error('done'));
    expect(parseLine('done')).toEqual(error('done'));
    expect(parseLine('echo a; do echo')).toEqual(error('do'));
  });

  it('refuses background jobs', () => {
    expect(parseLine('kafka-console-consumer --topic t &')).toEqual({ kind: 'error', message: 'background jobs (&) are not supported in the lab shell' });
  });
});
