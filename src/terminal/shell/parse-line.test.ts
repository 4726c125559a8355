import { describe, expect, it } from 'vitest';
import { parseLine } from './parse-line.ts';
import type { ParsedLine } from './parse-line.ts';
import { expandWord } from './tokenize.ts';

/** A parsed line in a compact form: `;echo a | head -1` items, redirections as `[2>/dev/null]`. */
function show(line: string): string[] | ParsedLine {
  const parsed = parseLine(line);
  if (parsed.kind !== 'list') return parsed;
  return parsed.items.map(
    (item) =>
      item.connector +
      item.pipeline.commands
        .map((command) =>
          [
            ...command.words.map((word) => expandWord(word, 0)),
            ...command.redirections.map((r) => `[${r.fd}${r.operator}${expandWord(r.target, 0)}]`),
          ].join(' '),
        )
        .join(' | '),
  );
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

  it('refuses background jobs', () => {
    expect(parseLine('kafka-console-consumer --topic t &')).toEqual({ kind: 'error', message: 'background jobs (&) are not supported in the lab shell' });
  });
});
