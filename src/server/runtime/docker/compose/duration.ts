import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';

/** Nanoseconds per unit of Go's time.ParseDuration, which Compose uses for every duration. */
const UNIT_NANOSECONDS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const TERM = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * A Compose duration ("5s", "1m30s", "500ms", "1.5h", "0") in nanoseconds, the unit the Engine API's
 * Healthcheck takes. Like Go's time.ParseDuration a bare number other than 0 is an error (the unit is
 * required), and so is a negative duration (no Compose duration may be negative).
 */
export function parseDuration(value: string | number, path: readonly KeyPathSegment[]): number {
  const text = String(value).trim();
  if (text === '0') return 0;
  let total = 0;
  TERM.lastIndex = 0;
  while (TERM.lastIndex < text.length) {
    const start = TERM.lastIndex;
    const term = TERM.exec(text);
    if (term === null || term.index !== start) throw invalidDuration(text, path);
    total += Number(term[1]) * UNIT_NANOSECONDS[term[2]];
  }
  if (text === '') throw invalidDuration(text, path);
  return Math.round(total);
}

function invalidDuration(text: string, path: readonly KeyPathSegment[]): ComposeFileError {
  const bareNumber = /^\d+(\.\d+)?$/.test(text);
  return new ComposeFileError(
    path,
    bareNumber ? `duration ${JSON.stringify(text)} has no unit` : `${JSON.stringify(text)} is not a duration`,
    'Write a duration with units as Compose does: "500ms", "5s", "1m30s", "1h".',
  );
}
