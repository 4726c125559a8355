/**
 * Tab completion as bash offers it: the first word of a command completes to command names, later
 * words to what the command lists as its `completions` (its options). The shell decides what to do
 * with the matches (complete, extend to the common prefix, list them on a second Tab).
 */
import type { CommandRegistry } from './command-registry.ts';

export interface CompletionMatches {
  /** The partial word before the cursor. */
  word: string;
  matches: string[];
}

const SEPARATORS = new Set(['|', ';', '&']);

export function completionsFor(textBeforeCursor: string, commands: CommandRegistry): CompletionMatches {
  const { words, current, inQuote } = wordsOfCurrentCommand(textBeforeCursor);
  if (inQuote) return { word: current, matches: [] };
  const candidates = words.length === 0 ? commands.names() : (commands.find(words[0])?.completions ?? []);
  const matches = [...new Set(candidates.filter((candidate) => candidate.startsWith(current)))].sort();
  return { word: current, matches };
}

/** The words of the simple command the cursor is in (after the last `|`, `;`, `&&`), and the word being typed. */
function wordsOfCurrentCommand(text: string): { words: string[]; current: string; inQuote: boolean } {
  let words: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (c === ' ' || c === '\t') {
      if (current) words.push(current);
      current = '';
    } else if (SEPARATORS.has(c)) {
      words = [];
      current = '';
    } else {
      current += c;
    }
  }
  return { words, current, inQuote: quote !== null };
}

/** The longest start all matches share. */
export function commonPrefix(matches: readonly string[]): string {
  if (matches.length === 0) return '';
  let prefix = matches[0];
  for (const match of matches) {
    while (!match.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Matches in columns, top to bottom then left to right, as readline lists them. */
export function listInColumns(matches: readonly string[], columns: number): string[] {
  const width = Math.max(...matches.map((match) => match.length)) + 2;
  const perRow = Math.max(1, Math.floor(columns / width));
  const rows = Math.ceil(matches.length / perRow);
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    let line = '';
    for (let column = 0; column < perRow; column++) {
      const match = matches[column * rows + row];
      if (match === undefined) break;
      const last = column === perRow - 1 || (column + 1) * rows + row >= matches.length;
      line += last ? match : match.padEnd(width);
    }
    lines.push(line);
  }
  return lines;
}
