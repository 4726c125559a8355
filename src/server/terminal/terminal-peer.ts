/**
 * The page's end of a terminal session, as the session layer sees it: one WebSocket, or a fake in tests.
 */
import type { TerminalServerMessage } from '../../terminal/terminal-protocol.ts';

export interface TerminalPeer {
  /** Sends one message; a no-op once the socket is closed. */
  send(message: TerminalServerMessage): void;
  /** Closes the socket with a WebSocket close code (1000 done, 1008 refused message, 1013 try later). */
  close(code: number, reason: string): void;
  /** True once the socket is closing or closed. */
  readonly closed: boolean;
}

/** The `error` codes a page may see, and what each means for it. */
export const TERMINAL_ERRORS = {
  /** A frame that is not a terminal message (not JSON, unknown type, bad field); the socket is closed (1008). */
  badMessage: 'bad_message',
  /** A frame or an input longer than the limits; the socket is closed (1008). */
  messageTooLarge: 'message_too_large',
  /** A message other than `attach` came first; the socket is closed (1008). */
  notAttached: 'not_attached',
  /** The session was attached from another page; this socket is closed (1000). Do not reconnect to it. */
  attachedElsewhere: 'attached_elsewhere',
  /** The learner has the most sessions open, each on a page; the socket is closed (1013). */
  tooManyTerminals: 'too_many_terminals',
  /** The runtime could not open a shell; the socket is closed (1011). */
  terminalUnavailable: 'terminal_unavailable',
} as const;

export type TerminalErrorCode = (typeof TERMINAL_ERRORS)[keyof typeof TERMINAL_ERRORS];
