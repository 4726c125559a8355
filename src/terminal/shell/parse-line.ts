/**
 * Turns a command line into what the shell runs: a list of pipelines joined by `;`, `&&`, `||`
 * (a line end inside a multi-line command counts as `;`), each pipeline a chain of simple
 * commands joined by `|`, each command its words and redirections.
 *
 * A line that ends with `|`, `&&` or `||` (or inside a quote) is incomplete, and the shell asks for
 * the rest with its continuation prompt. Syntax errors use bash's wording.
 */
import { tokenize } from './tokenize.ts';
import type { RedirectOperator, Token, Word } from './tokenize.ts';

export interface Redirection {
  /** The file descriptor redirected (`2` in `2>/dev/null`); `&>` redirects 1 and 2 (`fd` is 1). */
  fd: number;
  operator: RedirectOperator;
  target: Word;
}

export interface SimpleCommand {
  words: Word[];
  redirections: Redirection[];
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface ListItem {
  /** How this pipeline joins the one before it: `;` always runs it, `&&` only after success, `||` only after failure. */
  connector: ';' | '&&' | '||';
  pipeline: Pipeline;
}

export type ParsedLine =
  | { kind: 'list'; items: ListItem[] }
  /** Needs more lines: `open` is the quote still open, or the operator the line ends with. */
  | { kind: 'incomplete'; open: "'" | '"' | '\\' | '|' | '&&' | '||' }
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

const syntaxError = (token: string): ParsedLine => ({ kind: 'error', message: `syntax error near unexpected token \`${token}'` });

export function parseLine(text: string): ParsedLine {
  const tokenized = tokenize(text);
  if (tokenized.kind === 'incomplete') return tokenized;
  return parseTokens(tokenized.tokens);
}

function parseTokens(tokens: Token[]): ParsedLine {
  const items: ListItem[] = [];
  let connector: ListItem['connector'] = ';';
  let commands: SimpleCommand[] = [];
  let command: SimpleCommand = { words: [], redirections: [] };
  /** The operator that must be followed by a command (`|`, `&&`, `||`), if the last token was one. */
  let pending: '|' | '&&' | '||' | null = null;

  const isEmpty = (c: SimpleCommand) => c.words.length === 0 && c.redirections.length === 0;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'word') {
      command.words.push(token);
      pending = null;
      continue;
    }
    if (token.kind === 'redirect') {
      const target = tokens[i + 1];
      if (!target) return syntaxError('newline');
      if (target.kind !== 'word') return syntaxError(operatorText(target));
      command.redirections.push({ fd: token.fd ?? DEFAULT_FD[token.operator], operator: token.operator, target });
      pending = null;
      i += 1;
      continue;
    }
    const operator = token.operator;
    if (operator === '\n' && (pending !== null || (isEmpty(command) && commands.length === 0))) {
      continue; // a line end after `|` or `&&` continues the command; blank lines are nothing
    }
    if (operator === '&') return { kind: 'error', message: 'background jobs (&) are not supported in the lab shell' };
    if (operator === '(' || operator === ')' || operator === ';;') return syntaxError(operator);
    if (isEmpty(command)) return syntaxError(operator === '\n' ? 'newline' : operator);
    commands.push(command);
    command = { words: [], redirections: [] };
    if (operator === '|') {
      pending = '|';
      continue;
    }
    items.push({ connector, pipeline: { commands } });
    commands = [];
    connector = operator === '&&' || operator === '||' ? operator : ';';
    pending = operator === '&&' || operator === '||' ? operator : null;
  }
  if (pending !== null) return { kind: 'incomplete', open: pending };
  if (!isEmpty(command)) commands.push(command);
  if (commands.length > 0) items.push({ connector, pipeline: { commands } });
  return { kind: 'list', items };
}

function operatorText(token: Exclude<Token, Word>): string {
  return token.kind === 'operator' ? (token.operator === '\n' ? 'newline' : token.operator) : `${token.fd ?? ''}${token.operator}`;
}
