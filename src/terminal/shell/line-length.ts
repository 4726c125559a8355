/**
 * The longest line the shell takes, at the prompt and while a command reads the terminal. bash has
 * no limit; ours keeps one pasted mistake (a file of megabytes on one line) from holding the
 * session's memory, since the cluster runs in the same process. A TTY drops what does not fit in
 * its line buffer and rings the bell; so does the shell, and it says so once per line.
 */
export const MAX_LINE_CHARACTERS = 1_000_000;

export const LINE_TOO_LONG_NOTICE = `a line holds at most ${MAX_LINE_CHARACTERS} characters; the rest of it was not taken`;
