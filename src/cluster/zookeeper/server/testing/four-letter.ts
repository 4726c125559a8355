/** Sends a four-letter word (4 raw bytes, no length prefix) and returns the text answer. */
import type { Transport } from '../../../transport/transport.ts';

export async function fourLetterWord(transport: Transport, host: string, port: number, word: string): Promise<string> {
  const connection = await transport.connect(host, port);
  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve) => connection.onClose(() => resolve()));
  connection.onData((bytes) => chunks.push(bytes.slice()));
  connection.write(new TextEncoder().encode(word));
  await done;
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  return new TextDecoder().decode(all);
}
