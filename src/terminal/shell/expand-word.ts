/**
 * Parameter expansion when a command runs: `$?`, `$name`, `${name}` (unset is empty). Unquoted
 * expansions are split into fields at blanks and line ends (bash's default IFS), and one that is
 * empty vanishes, so `for p in $ports` loops over each port and `echo $unset x` gets one argument;
 * quoted ones (`"$x"`) stay one field, even when empty.
 */
import type { Word, WordPart } from './tokenize.ts';

/** A parameter's value, `undefined` when unset; `?` is the last status. */
export type ParameterLookup = (name: string) => string | undefined;

/** `${x y}`: bash says `${x y}: bad substitution` and the command does not run. */
export class BadSubstitution extends Error {
  constructor(text: string) {
    super(`${text}: bad substitution`);
    this.name = 'BadSubstitution';
  }
}

const FIELD_SEPARATORS = /[ \t\n]+/;

/** The fields of `word` (none, one or several). Throws `BadSubstitution`. */
export function expandFields(word: Word, lookup: ParameterLookup): string[] {
  const fields: string[] = [];
  let field: string | null = null;
  for (const part of word.parts) {
    const value = valueOf(part, lookup);
    if (part.kind === 'literal' || part.quoted) {
      field = (field ?? '') + value;
      continue;
    }
    const pieces = value.split(FIELD_SEPARATORS);
    for (let index = 0; index < pieces.length; index++) {
      if (index > 0 && field !== null) {
        fields.push(field);
        field = null;
      }
      if (pieces[index] !== '') field = (field ?? '') + pieces[index];
    }
  }
  if (field !== null) fields.push(field);
  return fields;
}

/** `word` as one string, without field splitting (an assignment's value, a redirection's target). Throws `BadSubstitution`. */
export function expandText(word: Word, lookup: ParameterLookup): string {
  return word.parts.map((part) => valueOf(part, lookup)).join('');
}

/** The fields of each word in turn. */
export function expandAll(words: readonly Word[], lookup: ParameterLookup): string[] {
  return words.flatMap((word) => expandFields(word, lookup));
}

function valueOf(part: WordPart, lookup: ParameterLookup): string {
  if (part.kind === 'literal') return part.text;
  if (part.kind === 'bad-substitution') throw new BadSubstitution(part.text);
  return lookup(part.name) ?? '';
}
