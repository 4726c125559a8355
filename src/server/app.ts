import fastify, { type FastifyInstance } from 'fastify';
import { ApiError } from './http-error.ts';
import { registerClusterRoutes } from './routes/cluster-routes.ts';
import { registerHealthRoute } from './routes/health-route.ts';
import type { ClusterRuntime } from './runtime/cluster-runtime.ts';
import { registerStaticSite } from './static-site.ts';

export interface AppOptions {
  runtime: ClusterRuntime;
  /** The built site (Astro's `dist/`); omitted in API-only tests. */
  siteDir?: string;
  version: string;
  logger?: boolean;
}

/** The kafkalab backend: the built course plus `/api/*`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ApiError) return reply.status(error.status).send(error.toJSON());
    const status = typeof (error as { statusCode?: number }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(new ApiError('bad_request', status, error instanceof Error ? error.message : String(error)).toJSON());
    }
    app.log.error(error);
    return reply.status(500).send(new ApiError('internal', 500, 'Internal error; see the server log.').toJSON());
  });

  registerHealthRoute(app, options.runtime, options.version);
  registerClusterRoutes(app, options.runtime);

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send(new ApiError('not_found', 404, `No API route ${request.method} ${request.url.split('?')[0]}.`).toJSON());
    }
    return options.siteDir ? reply.status(404).sendFile('404.html') : reply.status(404).send('Not found');
  });

  if (options.siteDir) await registerStaticSite(app, options.siteDir);
  return app;
}
