import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import type { ClusterRuntime } from '../../src/server/runtime/cluster-runtime.ts';
import { MAX_CLIENT_FRAME_CHARS } from '../../src/server/terminal/client-message.ts';
import { TERMINAL_LIMITS } from '../../src/terminal/terminal-protocol.ts';
import type { TerminalSize } from '../../src/terminal/terminal-session.ts';
import { FakeTerminalSession } from './support/fake-terminal-session.ts';
import { TerminalClient } from './support/terminal-client.ts';
import { listenOnLoopback, terminalClients } from './support/terminal-sessions.ts';

/**
 * The session layer of `/api/terminal` over a real WebSocket, with a fake shell that echoes its input
 * (the lab shell itself is driven in terminal-shell.test.ts): attach, resume, validation, limits, the
 * grace period, exit, and the request guard on the upgrade.
 */
describe('/api/terminal: the session layer', () => {
  let app: FastifyInstance;
  let port: number;
  const opened: Array<{ session: FakeTerminalSession; size: TerminalSize }> = [];
  const GRACE_MS = 300;
  const { attach, open } = terminalClients(() => port);

  beforeAll(async () => {
    // Only what the terminal route uses of a runtime.
    const runtime = {
      kind: 'embedded',
      onEvent: () => () => {},
      async openTerminal(size: TerminalSize) {
        const session = new FakeTerminalSession();
        session.emit('$ ');
        opened.push({ session, size });
        return session;
      },
    } as unknown as ClusterRuntime;
    app = await buildApp({ runtime, version: 'test', terminal: { graceMs: GRACE_MS, maxPerLearner: 3 } });
    port = await listenOnLoopback(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('attaches a new session with an unguessable id, echoes input, and passes the size on', async () => {
    const client = await attach({ cols: 120, rows: 40 });
    const attached = client.messages[0];
    expect(attached).toMatchObject({ type: 'attached', resumed: false });
    expect(client.session).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await client.waitForOutput('$ ');
    client.type('hello');
    await client.waitForOutput('$ hello');
    expect(opened.at(-1)?.size).toEqual({ cols: 120, rows: 40 });
    client.send({ type: 'resize', cols: 100, rows: 30 });
    client.type('!');
    await client.waitForOutput('hello!');
    expect(opened.at(-1)?.session.sizes).toEqual([{ cols: 100, rows: 30 }]);
  });

  it('gives every session its own random id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const client = await attach();
      ids.add(client.session);
      await client.close();
    }
    expect(ids.size).toBe(3);
  });

  it('resumes a session after a dropped socket: the screen is replayed, then it is live again', async () => {
    const first = await attach();
    first.type('before the drop');
    await first.waitForOutput('before the drop');
    const session = opened.at(-1)!.session;
    await first.close();
    // Output while no page is attached is kept for the next one.
    session.emit(' while away');
    const second = await attach({ session: first.session });
    expect(second.messages[0]).toEqual({ type: 'attached', session: first.session, resumed: true });
    await second.waitForOutput('$ before the drop while away');
    second.type(' and after');
    await second.waitForOutput('while away and after');
    expect(session.inputs).toEqual(['before the drop', ' and after']);
    expect(opened.at(-1)!.session).toBe(session);
  });

  it('an unknown or expired session id gets a new session', async () => {
    const client = await attach({ session: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(client.messages[0]).toMatchObject({ type: 'attached', resumed: false });
    expect(client.session).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
  });

  it('moves a session to the page that attaches it last, and tells the first page', async () => {
    const first = await attach();
    const second = await attach({ session: first.session });
    expect(await first.closed).toEqual({ code: 1000, reason: 'attached elsewhere' });
    expect(first.messages.at(-1)).toMatchObject({ type: 'error', code: 'attached_elsewhere' });
    second.type('x');
    await second.waitForOutput('$ x');
  });

  it('ends a session the grace period after its page left', async () => {
    const client = await attach();
    const session = opened.at(-1)!.session;
    await client.close();
    expect(session.closed).toBe(false);
    const left = Date.now();
    await session.whenClosed;
    expect(Date.now() - left).toBeGreaterThanOrEqual(GRACE_MS - 20);
    const again = await attach({ session: client.session });
    expect(again.messages[0]).toMatchObject({ type: 'attached', resumed: false });
  });

  it("sends the shell's exit status and closes the socket when the shell ends", async () => {
    const client = await attach();
    opened.at(-1)!.session.emit('bye\r\n');
    opened.at(-1)!.session.exit(3);
    expect(await client.closed).toEqual({ code: 1000, reason: 'shell ended' });
    expect(client.output).toContain('bye\r\n');
    expect(client.messages.at(-1)).toEqual({ type: 'exit', code: 3 });
    expect(opened.at(-1)!.session.closed).toBe(true);
  });

  it('keeps at most 3 sessions per learner: a fourth replaces the one unattended longest, or is refused while all have a page', async () => {
    const pages = [await attach(), await attach(), await attach()];
    const [first, second, third] = opened.slice(-3).map((entry) => entry.session);
    const refused = await open();
    refused.send({ type: 'attach', cols: 80, rows: 24 });
    expect(await refused.closed).toMatchObject({ code: 1013 });
    expect(refused.messages).toEqual([expect.objectContaining({ type: 'error', code: 'too_many_terminals' })]);
    await pages[0].close();
    await pages[1].close();
    const fourth = await attach();
    expect(fourth.messages[0]).toMatchObject({ type: 'attached', resumed: false });
    expect([first.closed, second.closed, third.closed]).toEqual([true, false, false]);
  });

  describe('refuses what is not a terminal message, closing only that socket', () => {
    const cases: Array<[string, string | Buffer, string]> = [
      ['text that is not JSON', 'hello', 'bad_message'],
      ['an unknown message type', JSON.stringify({ type: 'exec', command: 'id' }), 'bad_message'],
      ['an extra field', JSON.stringify({ type: 'input', data: 'x', shell: '/bin/sh' }), 'bad_message'],
      ['a size out of range', JSON.stringify({ type: 'resize', cols: 1e9, rows: 24 }), 'bad_message'],
      ['a negative ack', JSON.stringify({ type: 'ack', chars: -5 }), 'bad_message'],
      ['an input over the limit', JSON.stringify({ type: 'input', data: 'x'.repeat(TERMINAL_LIMITS.maxInputChars + 1) }), 'message_too_large'],
      ['a frame over the limit', JSON.stringify({ type: 'input', data: '\u0001'.repeat(MAX_CLIENT_FRAME_CHARS / 6) }), 'message_too_large'],
      ['a binary frame', Buffer.from(JSON.stringify({ type: 'input', data: 'x' })), 'bad_message'],
      ['a second attach', JSON.stringify({ type: 'attach', cols: 80, rows: 24 }), 'bad_message'],
    ];
    for (const [what, frame, code] of cases) {
      it(`${what} → ${code}, 1008`, async () => {
        const bystander = await attach();
        const client = await attach();
        const session = opened.at(-1)!.session;
        client.sendRaw(frame);
        expect(await client.closed).toMatchObject({ code: 1008 });
        expect(client.messages.at(-1)).toMatchObject({ type: 'error', code });
        expect(session.inputs).toEqual([]);
        bystander.type('still here');
        await bystander.waitForOutput('still here');
      });
    }

    it('a message before attach → not_attached, 1008', async () => {
      const client = await open();
      client.type('id\r');
      expect(await client.closed).toMatchObject({ code: 1008 });
      expect(client.messages).toEqual([expect.objectContaining({ type: 'error', code: 'not_attached' })]);
    });

    it('a frame over the socket limit is closed by the socket library (1009), and the server keeps serving', async () => {
      const client = await attach();
      client.sendRaw(JSON.stringify({ type: 'input', data: 'x'.repeat(MAX_CLIENT_FRAME_CHARS + 64 * 1024) }));
      expect((await client.closed).code).toBe(1009);
      const next = await attach();
      next.type('ok');
      await next.waitForOutput('$ ok');
    });
  });

  describe('the request guard covers the upgrade', () => {
    it('refuses a cross-origin upgrade', async () => {
      const refused = await TerminalClient.open(port, { origin: 'http://evil.example' }).catch((error: { status?: number; body?: string }) => error);
      expect(refused).toMatchObject({ status: 403 });
      expect(JSON.parse((refused as { body: string }).body).error.code).toBe('origin_not_allowed');
    });

    it('refuses an upgrade naming a foreign host (DNS rebinding)', async () => {
      const refused = await TerminalClient.open(port, { origin: null, host: `evil.example:${port}` }).catch((error: { status?: number; body?: string }) => error);
      expect(refused).toMatchObject({ status: 403 });
      expect(JSON.parse((refused as { body: string }).body).error.code).toBe('host_not_allowed');
    });

    it('accepts the course\'s own origin and a tool without one', async () => {
      const tool = await open({ origin: null });
      tool.send({ type: 'attach', cols: 80, rows: 24 });
      await tool.waitForMessage('attached');
    });
  });
});
