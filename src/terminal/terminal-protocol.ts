/**
 * The terminal's WebSocket protocol (`/api/terminal`), shared by the page and the server. Every
 * message is one JSON text frame with a `type`.
 *
 * Flow control follows the xterm.js guide: the server counts the characters of `output` it sent and
 * the page has not acknowledged; above `highWatermark` it pauses the session, below `lowWatermark` it
 * resumes it. The page acknowledges each `output` message (its `data.length`) once xterm.js has drawn
 * it (the `write` callback).
 */

export const TERMINAL_FLOW = {
  /** Unacknowledged output characters above which the session is paused. */
  highWatermark: 100_000,
  /** ... and below which it resumes. */
  lowWatermark: 10_000,
  /** Output is gathered for at most this long before it is sent (one message per burst, not per write). */
  batchMs: 4,
  /** ... or until this many characters are waiting. */
  batchMaxChars: 32_768,
} as const;

/** How long a session outlives its socket, so that a reconnecting page finds its shell as it left it. */
export const TERMINAL_DETACHED_GRACE_MS = 5 * 60_000;

/** Page → server. */
export type TerminalClientMessage =
  /** First message on every socket: a new session, or the one this page had (after a dropped socket). */
  | { type: 'attach'; session?: string; cols: number; rows: number }
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  /** This many characters of `output` were drawn. */
  | { type: 'ack'; chars: number };

/** Server → page. */
export type TerminalServerMessage =
  /** The session this socket drives; `resumed` when it is the one asked for (its screen is replayed as `output`). */
  | { type: 'attached'; session: string; resumed: boolean }
  | { type: 'output'; data: string }
  /** The shell ended; the page may offer a new one. */
  | { type: 'exit'; code: number }
  /** The server refused or lost something; `code` is stable, `message` is for the learner. */
  | { type: 'error'; code: string; message: string };

export const TERMINAL_LIMITS = {
  /** Largest `input` accepted in one message (a big paste is split by the page). */
  maxInputChars: 16_384,
  minCols: 10,
  maxCols: 1000,
  minRows: 2,
  maxRows: 500,
} as const;
