/**
 * `/api/events`, followed for as long as the page is open: reconnects with a growing delay when the
 * server goes away, and while connected asks for a fresh status every few seconds (a message on the
 * socket does that), because some changes, such as a follower rejoining the ISR, raise no event.
 */
import type { ClusterEvent, ClusterStatus } from '../../server/runtime/cluster-runtime.ts';
import type { CheckResponse } from './lab-api.ts';

export type EventMessage =
  | { type: 'status'; status: ClusterStatus }
  | { type: 'event'; event: ClusterEvent }
  | { type: 'lab-check'; lab: string; result: CheckResponse }
  | { type: 'lab-progress'; lab: string };

export interface EventStreamHandlers {
  message(message: EventMessage): void;
  /** `true` once connected; `false` with the delay before the next attempt when the connection is lost. */
  connection(connected: boolean, retryInMs?: number): void;
}

export interface EventStream {
  close(): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 8_000;

export function openEventStream(handlers: EventStreamHandlers, refreshMs = 2_000): EventStream {
  let socket: WebSocket | null = null;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshTimer: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const connect = () => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`;
    const current = new WebSocket(url);
    socket = current;
    current.addEventListener('open', () => {
      retryMs = FIRST_RETRY_MS;
      handlers.connection(true);
      refreshTimer = setInterval(() => {
        if (current.readyState === WebSocket.OPEN && document.visibilityState === 'visible') current.send('{"type":"status"}');
      }, refreshMs);
    });
    current.addEventListener('message', (event) => {
      let message: EventMessage;
      try {
        message = JSON.parse(String(event.data)) as EventMessage;
      } catch {
        return;
      }
      handlers.message(message);
    });
    current.addEventListener('close', () => {
      clearInterval(refreshTimer);
      if (closed) return;
      handlers.connection(false, retryMs);
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  };
  connect();

  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(refreshTimer);
      socket?.close();
    },
  };
}
