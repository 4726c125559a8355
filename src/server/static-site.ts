import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the built Astro site: `/chapters/x/` → `dist/chapters/x/index.html`. Dotfiles are never served. */
export async function registerStaticSite(app: FastifyInstance, siteDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: siteDir,
    index: ['index.html'],
    redirect: true,
    // `/.kafkalab-build-stamp` and any other dotfile answer 404, as if absent.
    dotfiles: 'ignore',
    // Pagefind and hashed assets never change under the same name.
    setHeaders: (res, path) => {
      if (path.includes('/_astro/')) res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}
