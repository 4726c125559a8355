/**
 * `GET /api/terminal` (WebSocket): the page's terminal, speaking `src/terminal/terminal-protocol.ts`.
 *
 * The first message attaches the socket to a new shell of the runtime or to the learner's session it had
 * (after a dropped socket); then `input`, `resize` and `ack`. Every frame is checked (`client-message.ts`):
 * one that is not a terminal message gets an `error` and its socket is closed with 1008; the server and
 * other sessions carry on. The request guard has already checked Host and Origin on the upgrade.
 *
 * With the lab engine, the shell's `kafkalab stop kafka-2` goes through the learner's activity-recording
 * runtime, and each line the learner runs is recorded as a `command` activity.
 */
import type { FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { TerminalClientMessage } from '../../terminal/terminal-protocol.ts';
import type { ActivityLog } from '../labs/activity-log.ts';
import { activityRecordingRuntime } from '../labs/activity-recording-runtime.ts';
import { learnerOf } from '../labs/learner.ts';
import type { ClusterRuntime } from '../runtime/cluster-runtime.ts';
import { parseClientMessage } from './client-message.ts';
import { recordCommandActivity } from './command-activity.ts';
import type { HostedTerminal } from './hosted-terminal.ts';
import { TERMINAL_ERRORS, type TerminalErrorCode, type TerminalPeer } from './terminal-peer.ts';
import { TerminalSessions, type TerminalSessionsOptions } from './terminal-sessions.ts';

/** Messages a socket may send while its session is still opening; a page waits for `attached`. */
const MAX_QUEUED_MESSAGES = 256;

export type TerminalRouteOptions = Pick<TerminalSessionsOptions, 'graceMs' | 'maxPerLearner' | 'pump'>;

/** Registers the route; returns the sessions (the app closes them when it closes). */
export function registerTerminalRoute(app: FastifyInstance, runtime: ClusterRuntime, labs?: { activity: ActivityLog }, options: TerminalRouteOptions = {}): TerminalSessions {
  const sessions = new TerminalSessions({
    ...options,
    async open(learner, size) {
      if (runtime.kind === 'docker' && !servesOnlyThisMachine(app)) {
        // The Docker runtime's shell is a container on this machine's network: not for other machines' pages.
        throw new Error('on the Docker runtime the terminal is a shell on this machine’s network, offered only when the course server listens on loopback (not with --allow-remote). Use the embedded cluster for a workshop, or docker exec on this machine.');
      }
      const controls = labs ? activityRecordingRuntime(runtime, labs.activity, learner) : runtime;
      const session = await controls.openTerminal(size, { controlUrl: ownUrl(app) });
      if (labs) recordCommandActivity(session, labs.activity, learner);
      return session;
    },
  });
  app.addHook('onClose', () => sessions.closeAll());

  app.get('/api/terminal', { websocket: true }, (socket, request) => {
    const learner = learnerOf(request);
    const peer = socketPeer(socket);
    let terminal: Promise<HostedTerminal | null> | null = null;
    let queued = 0;

    const refuse = (code: TerminalErrorCode, message: string) => {
      peer.send({ type: 'error', code, message });
      peer.close(1008, code);
    };
    const dispatch = (target: HostedTerminal, message: TerminalClientMessage) => {
      if (message.type === 'input') target.input(peer, message.data);
      else if (message.type === 'resize') target.resize(peer, { cols: message.cols, rows: message.rows });
      else if (message.type === 'ack') target.ack(peer, message.chars);
    };

    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (peer.closed) return;
      if (isBinary) return refuse(TERMINAL_ERRORS.badMessage, 'Terminal messages are JSON text frames, not binary ones.');
      const parsed = parseClientMessage(textOf(data));
      if (!parsed.ok) return refuse(parsed.code, parsed.message);
      const message = parsed.message;
      if (message.type === 'attach') {
        if (terminal) return refuse(TERMINAL_ERRORS.badMessage, 'A socket attaches once; open another socket for another session.');
        terminal = sessions.attach(learner, peer, message);
        return;
      }
      if (!terminal) return refuse(TERMINAL_ERRORS.notAttached, 'The first message on a terminal socket must be "attach".');
      if (++queued > MAX_QUEUED_MESSAGES) return refuse(TERMINAL_ERRORS.badMessage, 'Too many messages before the terminal was attached; wait for "attached".');
      void terminal.then((target) => {
        queued--;
        if (target) dispatch(target, message);
      });
    });
    socket.on('close', () => {
      void terminal?.then((target) => target?.detach(peer));
    });
  });
  return sessions;
}

function socketPeer(socket: WebSocket): TerminalPeer {
  return {
    send(message) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    close(code, reason) {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
    },
    get closed() {
      return socket.readyState !== socket.OPEN;
    },
  };
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/**
 * The server's own address as a shell on this machine reaches it (a container on the host's network):
 * the address it is bound to, or loopback when it listens on every interface.
 */
function ownUrl(app: FastifyInstance): string | undefined {
  const address = app.server.address();
  if (!address || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** The server listens on a loopback address only: every page that reaches it runs on this machine. */
function servesOnlyThisMachine(app: FastifyInstance): boolean {
  const address = app.server.address();
  if (!address || typeof address === 'string') return false;
  return address.address === '::1' || address.address.startsWith('127.');
}
