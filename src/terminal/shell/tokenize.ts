/**
 * Splits a command line into words and operators the way a POSIX shell does (bash's rules, the
 * subset a learner types): single quotes keep everything; double quotes keep everything but
 * parameters (`$?`, `$name`, `${name}`) and the backslash escapes of `$ \` " \ newline`; a
 * backslash outside quotes keeps the next character (a backslash-newline joins lines); `#` at the
 * start of a word starts a comment.
 *
 * A word keeps its parameters as parts of their own, and whether each part was quoted: they are
 * expanded when its command runs (`false; echo $?`, `for p in ...; do echo $p; done`), and only
 * unquoted ones are split into fields. A line that ends inside a quote, a `${` or after a backslash
 * is incomplete: the shell asks for more with its continuation prompt, as bash does.
 */

export type WordPart =
  | { kind: 'literal'; text: string; quoted: boolean }
  /** `$name`, `${name}`, or `$?` (name `?`). */
  | { kind: 'parameter'; name: string; quoted: boolean }
  /** `${...}` with something else than a name inside: bash's "bad substitution" when it runs. */
  | { kind: 'bad-substitution'; text: string; quoted: boolean };

export interface Word {
  kind: 'word';
  parts: WordPart[];
}

/** `\n` is an unquoted line end inside a multi-line command (a separator, like `;`). */
export type ControlOperator = '|' | '||' | '&&' | ';' | ';;' | '&' | '(' | ')' | '\n';

export type RedirectOperator = '>' | '>>' | '>|' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<>';

export type Token =
  | Word
  | { kind: 'operator'; operator: ControlOperator }
  /** `fd` is the number written right before the operator (`2>`), when there is one. */
  | { kind: 'redirect'; operator: RedirectOperator; fd?: number };

export type Tokenized =
  | { kind: 'complete'; tokens: Token[] }
  /** The line stops inside a quote (`'` or `"`), inside `${`, or right after a backslash. */
  | { kind: 'incomplete'; open: "'" | '"' | '${' | '\\' };

/** Longest first: `&&` before `&`, `>>` before `>`. */
const OPERATORS: ReadonlyArray<{ text: string; token: Token }> = [
  ['&>>', 'redirect'],
  ['&&', 'operator'],
  ['&>', 'redirect'],
  ['||', 'operator'],
  [';;', 'operator'],
  ['>>', 'redirect'],
  ['>|', 'redirect'],
  ['>&', 'redirect'],
  ['<&', 'redirect'],
  ['<<', 'redirect'],
  ['<>', 'redirect'],
  ['|', 'operator'],
  ['&', 'operator'],
  [';', 'operator'],
  ['(', 'operator'],
  [')', 'operator'],
  ['>', 'redirect'],
  ['<', 'redirect'],
].map(([text, kind]) => ({
  text,
  token: kind === 'operator' ? { kind: 'operator', operator: text as ControlOperator } : { kind: 'redirect', operator: text as RedirectOperator },
}));

const OPERATOR_START = new Set('|&;()<>');
/** Characters that end a run of ordinary ones in a word. */
const SPECIAL = new Set('|&;()<>\\\'"$ \t\n');
const BLANK = new Set(' \t');
/** What a backslash escapes inside double quotes; before anything else it stays a backslash. */
const DOUBLE_QUOTE_ESCAPABLE = new Set('$`"\\\n');

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** The parameter at `text[start]` (a `$`): the part and where it ends, `incomplete` for an open `${`, or null for a plain `$`. */
function parameterAt(text: string, start: number, quoted: boolean): { part: WordPart; end: number } | 'incomplete' | null {
  const next = text[start + 1];
  if (next === '?') return { part: { kind: 'parameter', name: '?', quoted }, end: start + 2 };
  if (next !== undefined && NAME_START.test(next)) {
    let end = start + 2;
    while (end < text.length && NAME_CHAR.test(text[end])) end++;
    return { part: { kind: 'parameter', name: text.slice(start + 1, end), quoted }, end };
  }
  if (next === '{') {
    const close = text.indexOf('}', start + 2);
    if (close < 0) return 'incomplete';
    const inside = text.slice(start + 2, close);
    const valid = inside === '?' || /^[A-Za-z_][A-Za-z0-9_]*$/.test(inside);
    return {
      part: valid ? { kind: 'parameter', name: inside, quoted } : { kind: 'bad-substitution', text: text.slice(start, close + 1), quoted },
      end: close + 1,
    };
  }
  return null;
}

export function tokenize(text: string): Tokenized {
  const tokens: Token[] = [];
  let word: WordPart[] | null = null;
  /** Whether the word being built used a quote or a backslash (then `2` in `"2">x` is no fd number). */
  let quoted = false;

  const startWord = () => {
    word ??= [];
  };
  const literal = (chars: string, inQuotes: boolean) => {
    startWord();
    const last = word!.at(-1);
    if (last?.kind === 'literal' && last.quoted === inQuotes) last.text += chars;
    else word!.push({ kind: 'literal', text: chars, quoted: inQuotes });
  };
  const endWord = () => {
    if (word) tokens.push({ kind: 'word', parts: word });
    word = null;
    quoted = false;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      if (i + 1 >= text.length) return { kind: 'incomplete', open: '\\' };
      if (text[i + 1] !== '\n') {
        literal(text[i + 1], true);
        quoted = true;
      }
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { kind: 'incomplete', open: "'" };
      quoted = true;
      literal(text.slice(i + 1, close), true);
      i = close + 1;
    } else if (c === '"') {
      quoted = true;
      literal('', true);
      i += 1;
      for (;;) {
        if (i >= text.length) return { kind: 'incomplete', open: '"' };
        const d = text[i];
        if (d === '"') {
          i += 1;
          break;
        }
        if (d === '\\' && i + 1 < text.length && DOUBLE_QUOTE_ESCAPABLE.has(text[i + 1])) {
          if (text[i + 1] !== '\n') literal(text[i + 1], true);
          i += 2;
          continue;
        }
        const parameter = d === '$' ? parameterAt(text, i, true) : null;
        if (parameter === 'incomplete') return { kind: 'incomplete', open: '${' };
        if (parameter) {
          word!.push(parameter.part);
          i = parameter.end;
        } else {
          literal(d, true);
          i += 1;
        }
      }
    } else if (c === '$' && parameterAt(text, i, false) !== null) {
      const parameter = parameterAt(text, i, false)!;
      if (parameter === 'incomplete') return { kind: 'incomplete', open: '${' };
      startWord();
      word!.push(parameter.part);
      i = parameter.end;
    } else if (BLANK.has(c)) {
      endWord();
      i += 1;
    } else if (c === '\n') {
      endWord();
      tokens.push({ kind: 'operator', operator: '\n' });
      i += 1;
    } else if (c === '#' && word === null) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (OPERATOR_START.has(c)) {
      const { text: operatorText, token } = OPERATORS.find((operator) => text.startsWith(operator.text, i))!;
      const fd = token.kind === 'redirect' && !operatorText.startsWith('&') ? fdNumber(word, quoted) : undefined;
      if (fd === undefined) endWord();
      else {
        word = null;
        quoted = false;
      }
      tokens.push(fd === undefined ? { ...token } : { ...token, fd } as Token);
      i += operatorText.length;
    } else {
      // A run of ordinary characters is taken in one piece (a pasted megabyte is one slice, not a string grown per character).
      let end = i + 1;
      while (end < text.length && !SPECIAL.has(text[end])) end++;
      literal(text.slice(i, end), false);
      i = end;
    }
  }
  endWord();
  return { kind: 'complete', tokens };
}

/** `2` in `2>/dev/null`: a word of digits only, unquoted, right before a redirection operator. */
function fdNumber(word: WordPart[] | null, quoted: boolean): number | undefined {
  if (!word || quoted || word.length !== 1 || word[0].kind !== 'literal') return undefined;
  return /^[0-9]+$/.test(word[0].text) ? Number(word[0].text) : undefined;
}

/** The word's text when it is one unquoted literal (a reserved word such as `for` or `done` must be). */
export function plainText(word: Word): string | undefined {
  const [part, ...rest] = word.parts;
  return part?.kind === 'literal' && !part.quoted && rest.length === 0 ? part.text : undefined;
}
