import { ComposeFileError, formatKeyPath, type KeyPathSegment } from './compose-file-error.ts';

/**
 * Compose's variable interpolation (compose-go's `template` package), applied to every string value
 * of the file (never to keys): `$$` is a literal `$`; `$VAR` and `${VAR}` are the variable, or "" with
 * a warning when it is unset; `${VAR:-default}` (unset or empty) and `${VAR-default}` (unset) fall
 * back; `${VAR:?message}` and `${VAR?message}` make a missing value an error; `${VAR:+alt}` and
 * `${VAR+alt}` give `alt` when the variable is set. Defaults may nest (`${A:-${B:-c}}`). A `$` not
 * followed by a name or `{` stays as it is.
 */
export interface InterpolationContext {
  env: Record<string, string | undefined>;
  /** Collects Compose's "variable is not set" warnings. */
  warnings: string[];
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;
/** Longest operators first, so `:-` is not read as `:` then `-`. */
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;
type Operator = (typeof OPERATORS)[number];

export function interpolateString(text: string, context: InterpolationContext, path: readonly KeyPathSegment[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(text, dollar + 1);
      if (close < 0) throw invalidTemplate(text, path);
      out += braced(text.slice(dollar + 2, close), text, context, path);
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (name === undefined) {
        out += '$';
        i = dollar + 1;
      } else {
        out += lookUp(name, context, path);
        i = dollar + 1 + name.length;
      }
    }
  }
  return out;
}

/** Interpolates every string in a parsed YAML tree (keys untouched), reporting errors at their key path. */
export function interpolateTree(value: unknown, context: InterpolationContext, path: KeyPathSegment[] = []): unknown {
  if (typeof value === 'string') return interpolateString(value, context, path);
  if (Array.isArray(value)) return value.map((item, index) => interpolateTree(item, context, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateTree(item, context, [...path, key])]));
  }
  return value;
}

/** Index of the `}` that closes the `{` at `open`, counting nested `${...}`. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(body: string, template: string, context: InterpolationContext, path: readonly KeyPathSegment[]): string {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) throw invalidTemplate(template, path);
  const rest = body.slice(name.length);
  if (rest === '') return lookUp(name, context, path);
  const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (operator === undefined) throw invalidTemplate(template, path);
  const word = () => interpolateString(rest.slice(operator.length), context, path);
  return apply(operator, name, context.env[name], word, path);
}

function apply(operator: Operator, name: string, value: string | undefined, word: () => string, path: readonly KeyPathSegment[]): string {
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  switch (operator) {
    case ':-': return nonEmpty ? value : word();
    case '-': return set ? value : word();
    case ':+': return nonEmpty ? word() : '';
    case '+': return set ? word() : '';
    case ':?':
    case '?': {
      if (operator === ':?' ? nonEmpty : set) return value as string;
      const reason = word();
      throw new ComposeFileError(
        path,
        `required variable ${name} is missing a value${reason ? `: ${reason}` : ''}`,
        `Set ${name} in the environment kafkalab runs in (for example \`${name}=... kafkalab start\`).`,
      );
    }
  }
}

function lookUp(name: string, context: InterpolationContext, path: readonly KeyPathSegment[]): string {
  const value = context.env[name];
  if (value !== undefined) return value;
  const warning = `The "${name}" variable is not set (${formatKeyPath(path)}). Defaulting to a blank string.`;
  if (!context.warnings.includes(warning)) context.warnings.push(warning);
  return '';
}

function invalidTemplate(template: string, path: readonly KeyPathSegment[]): ComposeFileError {
  return new ComposeFileError(
    path,
    `invalid interpolation format in ${JSON.stringify(template)}`,
    'Write ${NAME}, ${NAME:-default} or ${NAME:?message}; write $$ for a literal $.',
  );
}
