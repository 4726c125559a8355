import type { FastifyInstance } from 'fastify';
import type { CheckReply, LabEvent } from '../labs/lab-api.ts';
import { learnerOf } from '../labs/learner.ts';
import type { ClusterEvent, ClusterRuntime, ClusterStatus } from '../runtime/cluster-runtime.ts';

/** What `/api/events` sends: the status once on connect and after every change, and each event. */
export type ClusterEventMessage = { type: 'status'; status: ClusterStatus } | { type: 'event'; event: ClusterEvent };

/** Lab news for the learner's open lab pages: a check's result; hints, skips and resets (fetch the lab again). */
export type LabEventMessage = { type: 'lab-check'; lab: string; result: CheckReply } | { type: 'lab-progress'; lab: string };

/** Where lab events come from (the lab engine). */
export interface LabEventSource {
  onEvent(listener: (event: LabEvent) => void): () => void;
}

/**
 * `GET /api/events` (WebSocket): the cluster as it changes, for the course's pages. The request guard
 * checks Host and Origin on the upgrade like on any state-changing request; the socket only listens.
 * After a burst of events (a node stop moves several leaders) one status follows the burst. With the
 * lab engine, the learner's pages also get `lab-check` after each check and `lab-progress` after a
 * hint, skip or reset.
 */
export function registerEventsRoute(app: FastifyInstance, runtime: ClusterRuntime, labs?: LabEventSource): void {
  app.get('/api/events', { websocket: true }, (socket, request) => {
    const send = (message: ClusterEventMessage | LabEventMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    let statusPending = false;
    // An event while a status is being read asks for one more afterwards: the last status follows the last event.
    let statusAgain = false;
    const sendStatus = () => {
      if (statusPending) {
        statusAgain = true;
        return;
      }
      statusPending = true;
      queueMicrotask(() => {
        runtime
          .status()
          .then(
            (status) => send({ type: 'status', status }),
            () => {},
          )
          .finally(() => {
            statusPending = false;
            if (statusAgain) {
              statusAgain = false;
              sendStatus();
            }
          });
      });
    };
    const unsubscribe = runtime.onEvent((event) => {
      send({ type: 'event', event });
      // A pull's progress (many events a second) changes nothing a status shows.
      if (event.type !== 'image-pull') sendStatus();
    });
    socket.on('close', unsubscribe);
    const learner = learnerOf(request);
    const unsubscribeLabs = labs?.onEvent(({ learner: of, ...message }) => {
      if (of === learner) send(message);
    });
    if (unsubscribeLabs) socket.on('close', unsubscribeLabs);
    socket.on('message', () => {
      // The stream is one-way; a client message asks for a fresh status.
      sendStatus();
    });
    sendStatus();
  });
}
