/**
 * How a tool ends its Kafka client: it closes the client as the Java tool does (commit, leave the
 * group, disconnect), but only for so long, then kills it whatever kafkajs is still doing. The lab
 * shell gives a command 2 s after Ctrl-C before it takes the prompt back and discards the rest of its
 * output; the tool's last line (`Processed a total of N messages`) must come before that.
 */

/** How long a client may take to close before it is killed: well under the shell's 2 s grace. */
export const CLIENT_CLOSE_GRACE_MS = 1_500;

export interface KillableClient {
  /** Destroys the client's connections and refuses new ones (`ToolKafka.kill`). */
  kill(): void;
}

/** Waits for `closing` (the client's own close) up to `graceMs`, then kills `client`. Never rejects. */
export async function closeThenKill(closing: Promise<unknown>, client: KillableClient, graceMs = CLIENT_CLOSE_GRACE_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  try {
    await Promise.race([closing.catch(() => undefined), graceOver]);
  } finally {
    clearTimeout(timer);
    client.kill();
  }
}
