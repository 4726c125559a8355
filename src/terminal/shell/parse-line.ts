/**
 * Turns a command line into what the shell runs: a list of pipelines joined by `;`, `&&`, `||`
 * (a line end inside a multi-line command counts as `;`), each pipeline a chain of commands joined
 * by `|`. A command is a simple command (assignments `name=value`, words, redirections) or a
 * `for NAME [in WORDS]; do LIST; done` loop, as bash's grammar has them.
 *
 * A line that ends with `|`, `&&` or `||`, inside a quote, or inside a `for` loop before its `done`
 * is incomplete, and the shell asks for the rest with its continuation prompt. Syntax errors use
 * bash's wording.
 */
import { plainText, tokenize } from './tokenize.ts';
import type { RedirectOperator, Token, Word } from './tokenize.ts';

export interface Redirection {
  /** The file descriptor redirected (`2` in `2>/dev/null`); `&>` redirects 1 and 2 (`fd` is 1). */
  fd: number;
  operator: RedirectOperator;
  target: Word;
}

/** `name=value` before a command's words (alone, it sets a shell variable). */
export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirections: Redirection[];
}

export interface ForLoop {
  kind: 'for';
  /** The loop variable as written; a word that is no name fails when the loop runs, as in bash. */
  name: string;
  /** The words after `in`; null without `in` (the positional parameters, which the lab shell has none of). */
  values: Word[] | null;
  body: ListItem[];
  /** Redirections after `done`, for the whole loop. */
  redirections: Redirection[];
}

export type ShellCommand = SimpleCommand | ForLoop;

export interface Pipeline {
  commands: ShellCommand[];
}

export interface ListItem {
  /** How this pipeline joins the one before it: `;` always runs it, `&&` only after success, `||` only after failure. */
  connector: ';' | '&&' | '||';
  pipeline: Pipeline;
}

export type ParsedLine =
  | { kind: 'list'; items: ListItem[] }
  /** Needs more lines: `open` is the quote still open, the operator the line ends with, or `for` before its `done`. */
  | { kind: 'incomplete'; open: "'" | '"' | '${' | '\\' | '|' | '&&' | '||' | 'for' }
  | { kind: 'error'; message: string };

const DEFAULT_FD: Record<RedirectOperator, number> = {
  '>': 1,
  '>>': 1,
  '>|': 1,
  '>&': 1,
  '&>': 1,
  '&>>': 1,
  '<': 0,
  '<&': 0,
  '<<': 0,
  '<>': 0,
};

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const NO_END_WORDS: ReadonlySet<string> = new Set();
const LOOP_END = new Set(['done']);
/** Reserved words that cannot start a command where they appear (outside their loop). */
const MISPLACED = new Set(['do', 'done']);

/** Thrown inside the parser: the line stops before the command does. */
class Incomplete {
  readonly open: Extract<ParsedLine, { kind: 'incomplete' }>['open'];
  constructor(open: Extract<ParsedLine, { kind: 'incomplete' }>['open']) {
    this.open = open;
  }
}

/** Thrown inside the parser: bash's message. */
class SyntaxError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const unexpected = (token: string) => new SyntaxError(`syntax error near unexpected token \`${token}'`);

export function parseLine(text: string): ParsedLine {
  const tokenized = tokenize(text);
  if (tokenized.kind === 'incomplete') return tokenized;
  const parser = new Parser(tokenized.tokens);
  try {
    return { kind: 'list', items: parser.line() };
  } catch (thrown) {
    if (thrown instanceof Incomplete) return { kind: 'incomplete', open: thrown.open };
    if (thrown instanceof SyntaxError) return { kind: 'error', message: thrown.message };
    throw thrown;
  }
}

class Parser {
  readonly #tokens: Token[];
  #at = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  line(): ListItem[] {
    const items = this.#list(NO_END_WORDS);
    const left = this.#peek();
    if (left) throw unexpected(tokenText(left));
    return items;
  }

  /** Pipelines and their separators, up to the end or one of `endWords` in a command's place. */
  #list(endWords: ReadonlySet<string>): ListItem[] {
    const items: ListItem[] = [];
    let connector: ListItem['connector'] = ';';
    this.#skipLineEnds();
    for (;;) {
      const next = this.#peek();
      if (next === undefined) {
        if (connector !== ';') throw new Incomplete(connector);
        return items;
      }
      const reserved = next.kind === 'word' ? plainText(next) : undefined;
      if (reserved !== undefined && endWords.has(reserved)) {
        if (connector !== ';') throw unexpected(reserved);
        return items;
      }
      items.push({ connector, pipeline: this.#pipeline() });
      const separator = this.#peek();
      if (separator === undefined) return items;
      if (separator.kind !== 'operator') throw unexpected(tokenText(separator));
      const operator = separator.operator;
      if (operator === '&') throw new SyntaxError('background jobs (&) are not supported in the lab shell');
      if (operator !== ';' && operator !== '\n' && operator !== '&&' && operator !== '||') throw unexpected(operator);
      this.#at += 1;
      connector = operator === '&&' || operator === '||' ? operator : ';';
      this.#skipLineEnds();
    }
  }

  #pipeline(): Pipeline {
    const commands = [this.#command()];
    while (this.#peekOperator() === '|') {
      this.#at += 1;
      this.#skipLineEnds();
      if (this.#peek() === undefined) throw new Incomplete('|');
      commands.push(this.#command());
    }
    return { commands };
  }

  #command(): ShellCommand {
    const first = this.#peek();
    const reserved = first?.kind === 'word' ? plainText(first) : undefined;
    if (reserved === 'for') return this.#forLoop();
    if (reserved !== undefined && MISPLACED.has(reserved)) throw unexpected(reserved);
    const command: SimpleCommand = { kind: 'simple', assignments: [], words: [], redirections: [] };
    for (;;) {
      const token = this.#peek();
      if (token?.kind === 'word') {
        const assignment = command.words.length === 0 ? assignmentOf(token) : undefined;
        if (assignment) command.assignments.push(assignment);
        else command.words.push(token);
        this.#at += 1;
      } else if (token?.kind === 'redirect') {
        command.redirections.push(this.#redirection());
      } else {
        break;
      }
    }
    if (command.assignments.length + command.words.length + command.redirections.length === 0) {
      const token = this.#peek();
      throw unexpected(token ? tokenText(token) : 'newline');
    }
    return command;
  }

  /** `for NAME [in WORDS] (; or line end) do LIST done [redirections]`. */
  #forLoop(): ForLoop {
    this.#at += 1;
    const nameToken = this.#peek();
    if (nameToken?.kind !== 'word') throw unexpected(nameToken ? tokenText(nameToken) : 'newline');
    this.#at += 1;
    const name = wordText(nameToken);

    let values: Word[] | null = null;
    this.#skipLineEnds();
    const afterName = this.#expectMore();
    if (afterName.kind === 'word' && plainText(afterName) === 'in') {
      this.#at += 1;
      values = [];
      for (let token = this.#peek(); token?.kind === 'word'; token = this.#peek()) {
        values.push(token);
        this.#at += 1;
      }
      const terminator = this.#expectMore();
      if (terminator.kind !== 'operator' || (terminator.operator !== ';' && terminator.operator !== '\n')) throw unexpected(tokenText(terminator));
      this.#at += 1;
    } else if (afterName.kind === 'operator' && afterName.operator === ';') {
      this.#at += 1;
    }

    this.#skipLineEnds();
    const doToken = this.#expectMore();
    if (doToken.kind !== 'word' || plainText(doToken) !== 'do') throw unexpected(tokenText(doToken));
    this.#at += 1;
    const body = this.#list(LOOP_END);
    const doneToken = this.#expectMore();
    if (body.length === 0) throw unexpected(tokenText(doneToken));
    this.#at += 1; // `done`: the list stops only there or at the end

    const redirections: Redirection[] = [];
    while (this.#peek()?.kind === 'redirect') redirections.push(this.#redirection());
    const after = this.#peek();
    if (after?.kind === 'word') throw unexpected(tokenText(after));
    return { kind: 'for', name, values, body, redirections };
  }

  #redirection(): Redirection {
    const token = this.#tokens[this.#at] as Extract<Token, { kind: 'redirect' }>;
    const target = this.#tokens[this.#at + 1];
    if (!target) throw unexpected('newline');
    if (target.kind !== 'word') throw unexpected(tokenText(target));
    this.#at += 2;
    return { fd: token.fd ?? DEFAULT_FD[token.operator], operator: token.operator, target };
  }

  /** The next token of a `for` loop, which must come: at the end of the line, the loop goes on on the next. */
  #expectMore(): Token {
    const token = this.#peek();
    if (token === undefined) throw new Incomplete('for');
    return token;
  }

  #skipLineEnds(): void {
    while (this.#peekOperator() === '\n') this.#at += 1;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#at];
  }

  #peekOperator(): string | undefined {
    const token = this.#peek();
    return token?.kind === 'operator' ? token.operator : undefined;
  }
}

/** `name=value` when the word starts with an unquoted name and `=`. */
function assignmentOf(word: Word): Assignment | undefined {
  const [first, ...rest] = word.parts;
  if (first?.kind !== 'literal' || first.quoted) return undefined;
  const match = ASSIGNMENT.exec(first.text);
  if (!match) return undefined;
  const value = first.text.slice(match[0].length);
  return { name: match[1], value: { kind: 'word', parts: value ? [{ ...first, text: value }, ...rest] : rest } };
}

/** A word as the learner wrote it, near enough for a message (quotes are not kept). */
function wordText(word: Word): string {
  return word.parts.map((part) => (part.kind === 'literal' ? part.text : part.kind === 'parameter' ? `$${part.name}` : part.text)).join('');
}

function tokenText(token: Token): string {
  if (token.kind === 'word') return wordText(token);
  if (token.kind === 'operator') return token.operator === '\n' ? 'newline' : token.operator;
  return `${token.fd ?? ''}${token.operator}`;
}
