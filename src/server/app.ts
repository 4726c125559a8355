import websocket from '@fastify/websocket';
import fastify, { type FastifyInstance } from 'fastify';
import { clientErrorReply, frameworkErrorReply, registerErrorReplies } from './error-replies.ts';
import { ApiError } from './http-error.ts';
import { registerClusterRoutes } from './routes/cluster-routes.ts';
import { registerEventsRoute } from './routes/events-route.ts';
import { registerHealthRoute } from './routes/health-route.ts';
import { activityRecordingRuntime } from './labs/activity-recording-runtime.ts';
import type { LabEngine } from './labs/lab-engine.ts';
import { LOCAL_LEARNER } from './labs/learner.ts';
import { registerLabRoutes } from './routes/lab-routes.ts';
import { registerRuntimeRoutes } from './routes/runtime-routes.ts';
import type { ClusterRuntime } from './runtime/cluster-runtime.ts';
import { AllowedHosts } from './security/allowed-hosts.ts';
import { registerRequestGuard } from './security/request-guard.ts';
import { registerStaticSite } from './static-site.ts';
import { MAX_CLIENT_FRAME_CHARS } from './terminal/client-message.ts';
import { registerTerminalRoute, type TerminalRouteOptions } from './terminal/terminal-route.ts';

export interface AppOptions {
  runtime: ClusterRuntime;
  /** The built site (Astro's `dist/`); omitted in API-only tests. */
  siteDir?: string;
  version: string;
  logger?: boolean;
  /** The names the server answers to (`Host:`); default the loopback names. */
  allowedHosts?: AllowedHosts;
  /** The graded labs (`/api/labs`, `/api/progress`); the learner's cluster actions become its activity. Omitted: no lab API. */
  labs?: LabEngine;
  /** The terminal's session limits (tests shorten the grace period); default the protocol's. */
  terminal?: TerminalRouteOptions;
}

/** The kafkalab backend: the built course plus `/api/*`, reachable only by the course's own pages. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorReply,
    clientErrorHandler: clientErrorReply,
  });

  // JSON only: fastify's text/plain parser would let a cross-site `<form enctype=text/plain>` in.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (error) {
      done(new ApiError('bad_request', 400, `The body is not valid JSON: ${(error as Error).message}.`), undefined);
    }
  });

  registerErrorReplies(app, { siteDir: options.siteDir });
  // The websocket plugin first: its own onRequest hook marks upgrades so that a refused one is closed.
  // Frames up to a little over the terminal's longest message reach the route, which answers a too
  // long one in the protocol (`message_too_large`); the socket library closes longer ones itself (1009).
  await app.register(websocket, { options: { maxPayload: MAX_CLIENT_FRAME_CHARS + 16 * 1024 } });
  registerRequestGuard(app, options.allowedHosts ?? AllowedHosts.forBinding('127.0.0.1'));

  registerHealthRoute(app, options.runtime, options.version);
  registerClusterRoutes(app, options.labs ? activityRecordingRuntime(options.runtime, options.labs.activity, LOCAL_LEARNER) : options.runtime);
  registerEventsRoute(app, options.runtime, options.labs);
  if (options.labs) registerLabRoutes(app, options.labs);
  registerRuntimeRoutes(app, options.runtime);
  registerTerminalRoute(app, options.runtime, options.labs, options.terminal);

  if (options.siteDir) await registerStaticSite(app, options.siteDir);
  return app;
}
