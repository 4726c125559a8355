import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';

/** A compose file parsed: its plain value, and where a key path is in the text (for error messages). */
export interface ComposeYaml {
  value: Record<string, unknown>;
  /** 1-based line of the deepest node on `path` that the YAML has (merged keys resolve to their parent). */
  lineOf(path: readonly KeyPathSegment[]): number | undefined;
}

/**
 * Parses a compose file with a real YAML parser, as Compose does: comments, anchors and aliases,
 * merge keys (`<<: *common`), block scalars (`|`). A syntax error, duplicate key or a file that is
 * not a map is a ComposeFileError at the line it is on.
 */
export function parseComposeYaml(text: string, file: string): ComposeYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { merge: true, lineCounter, prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    throw new ComposeFileError([], `the file is not valid YAML: ${error.message.split('\n')[0]}`, 'Fix the YAML syntax at that line (indentation, quotes, a missing colon).', {
      file,
      line: lineCounter.linePos(error.pos[0]).line,
    });
  }
  const value: unknown = document.toJS({ maxAliasCount: 1000 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ComposeFileError([], 'the file is not a map of top-level keys (services:, volumes:, ...)', 'A compose file starts with keys such as `name:` and `services:`.', { file, line: 1 });
  }
  return { value: value as Record<string, unknown>, lineOf: (path) => lineOf(document, lineCounter, path) };
}

function lineOf(document: Document, lineCounter: LineCounter, path: readonly KeyPathSegment[]): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
