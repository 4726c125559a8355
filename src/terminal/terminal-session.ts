/**
 * A terminal session as a WebSocket (or any other screen) sees it: keystrokes in, text out.
 *
 * The embedded runtime's `LabShell` implements it in-process; the Docker runtime will implement it
 * with a TTY `exec` into a container. The server's session layer knows only this interface, so the
 * page's terminal works the same on either runtime.
 */

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface TerminalSession {
  /** Keystrokes and pasted text, exactly as xterm.js's `onData` gives them (escape sequences included). */
  input(data: string): void;
  /** The screen's size changed (the shell re-wraps its line; tools read it for their width). */
  resize(size: TerminalSize): void;
  /** Output for the screen: UTF-8 text with ANSI escapes and `\r\n` line ends. Returns the unsubscribe function. */
  onOutput(listener: (data: string) => void): () => void;
  /** The session ended on its own (`exit`, Ctrl-D at an empty prompt), with the last exit status. */
  onExit(listener: (code: number) => void): () => void;
  /**
   * Flow control: the screen has too much output it has not drawn yet. Output stops at once (what is
   * running waits to write) until `resume()`; nothing is dropped.
   */
  pause(): void;
  resume(): void;
  /** Ends the session and interrupts whatever runs in it. Idempotent. */
  close(): Promise<void>;
}
