import type { FastifyInstance } from 'fastify';
import type { ClusterEvent, ClusterRuntime, ClusterStatus } from '../runtime/cluster-runtime.ts';

/** What `/api/events` sends: the status once on connect and after every change, and each event. */
export type ClusterEventMessage = { type: 'status'; status: ClusterStatus } | { type: 'event'; event: ClusterEvent };

/**
 * `GET /api/events` (WebSocket): the cluster as it changes, for the course's pages. The request guard
 * checks Host and Origin on the upgrade like on any state-changing request; the socket only listens.
 * After a burst of events (a node stop moves several leaders) one status follows the burst.
 */
export function registerEventsRoute(app: FastifyInstance, runtime: ClusterRuntime): void {
  app.get('/api/events', { websocket: true }, (socket) => {
    const send = (message: ClusterEventMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    let statusPending = false;
    const sendStatus = () => {
      if (statusPending) return;
      statusPending = true;
      queueMicrotask(() => {
        runtime.status().then(
          (status) => {
            statusPending = false;
            send({ type: 'status', status });
          },
          () => {
            statusPending = false;
          },
        );
      });
    };
    const unsubscribe = runtime.onEvent((event) => {
      send({ type: 'event', event });
      sendStatus();
    });
    socket.on('close', unsubscribe);
    socket.on('message', () => {
      // The stream is one-way; a client message asks for a fresh status.
      sendStatus();
    });
    sendStatus();
  });
}
