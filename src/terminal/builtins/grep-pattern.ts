/**
 * grep's patterns as JavaScript regular expressions: basic (BRE, the default, where `+ ? | ( ) { }`
 * are literal unless escaped, GNU's extension), extended (`-E`), or fixed strings (`-F`); `-w`, `-x`
 * and `-i` as grep means them.
 */

export type PatternSyntax = 'basic' | 'extended' | 'fixed';

export interface PatternOptions {
  syntax: PatternSyntax;
  ignoreCase: boolean;
  wholeWord: boolean;
  wholeLine: boolean;
}

const BRE_SPECIAL_WHEN_ESCAPED = new Set('+?|(){}');

export function grepRegExp(patterns: readonly string[], options: PatternOptions): RegExp {
  const sources = patterns.map((pattern) => {
    const source = options.syntax === 'fixed' ? escapeRegExp(pattern) : options.syntax === 'basic' ? basicToJs(pattern) : pattern;
    if (options.wholeLine) return `^(?:${source})$`;
    if (options.wholeWord) return `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`;
    return source;
  });
  return new RegExp(sources.map((source) => `(?:${source})`).join('|'), options.ignoreCase ? 'iu' : 'u');
}

function basicToJs(pattern: string): string {
  let out = '';
  let inBracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (inBracket) {
      if (c === ']' && !pattern.slice(0, i).endsWith('[') && !pattern.slice(0, i).endsWith('[^')) inBracket = false;
      out += c === '\\' ? '\\\\' : c;
    } else if (c === '[') {
      inBracket = true;
      out += c;
    } else if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += BRE_SPECIAL_WHEN_ESCAPED.has(next) ? next : `\\${next}`;
    } else if (BRE_SPECIAL_WHEN_ESCAPED.has(c)) {
      out += `\\${c}`;
    } else {
      out += c;
    }
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
