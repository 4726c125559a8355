/**
 * What the `/api/terminal` tests share: the app on a loopback port, the WebSocket clients a test opens
 * (all closed after each test), and a line typed at the lab shell up to its next prompt.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { DEFAULT_PROMPT } from '../../../src/terminal/shell/lab-shell.ts';
import { TerminalClient } from './terminal-client.ts';

/** Starts `app` on 127.0.0.1 and a free port; resolves to the port. */
export async function listenOnLoopback(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

export interface TerminalClients {
  /** Opens the socket without attaching. */
  open(options?: Parameters<typeof TerminalClient.open>[1]): Promise<TerminalClient>;
  /** Opens and attaches; with `prompt`, also waits for the shell's first prompt. */
  attach(attach?: Parameters<typeof TerminalClient.attach>[1], clientOptions?: Parameters<typeof TerminalClient.attach>[2]): Promise<TerminalClient>;
}

/**
 * The clients of a suite whose server listens on `port()`, closed after each test. `prompt`: the
 * text `attach` waits for before it resolves (a shell's prompt), if any.
 */
export function terminalClients(port: () => number, options: { prompt?: string } = {}): TerminalClients {
  const clients: TerminalClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  return {
    async open(openOptions = {}) {
      const client = await TerminalClient.open(port(), openOptions);
      clients.push(client);
      return client;
    },
    async attach(attach = {}, clientOptions = {}) {
      const client = await TerminalClient.attach(port(), attach, clientOptions);
      clients.push(client);
      if (options.prompt !== undefined) await client.waitForOutput(options.prompt);
      return client;
    },
  };
}

/**
 * Types `line` and Enter (as one input, or key by key as xterm.js sends typing), waits for the lab
 * shell's next prompt, and returns the screen in between: the echoed line and what it printed.
 */
export async function runLine(client: TerminalClient, line: string, options: { keyByKey?: boolean } = {}): Promise<string> {
  const from = client.output.length;
  if (options.keyByKey) for (const key of line) client.type(key);
  else client.type(line);
  client.type('\r');
  const screen = await client.waitForOutput(DEFAULT_PROMPT, { from });
  return screen.slice(0, screen.lastIndexOf(DEFAULT_PROMPT));
}
