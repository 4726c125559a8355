import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http-error.ts';
import { parseHostHeader, type AllowedHosts } from './allowed-hosts.ts';

/** The header a body-less state-changing request must carry (`curl -X POST -H 'X-Kafkalab: 1' ...`). */
export const ACTION_HEADER = 'x-kafkalab';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Keeps other web pages from driving the local server:
 * - every request must name an allowed host in `Host:` (defeats DNS rebinding);
 * - every state-changing request and every WebSocket upgrade that a browser sends must come from the
 *   course's own origin (`Origin:` equal to the host it asks, and never `Sec-Fetch-Site: cross-site`);
 * - a state-changing request must be one that no page can send without a CORS preflight, which this
 *   server never grants: an `application/json` body, or no body and the `X-Kafkalab` header. A
 *   `<form enctype=text/plain>` or a no-cors `fetch` therefore never reaches a route.
 * Tools that are not browsers (curl, the CLI) send no `Origin:` and pass with JSON or the header.
 */
export function registerRequestGuard(app: FastifyInstance, allowedHosts: AllowedHosts): void {
  app.addHook('onRequest', async (request) => {
    const host = checkHost(request, allowedHosts);
    const upgrade = request.headers.upgrade?.toLowerCase() === 'websocket';
    const changesState = !SAFE_METHODS.has(request.method);
    if (!changesState && !upgrade) return;
    checkOrigin(request, host);
    if (changesState) checkBodyKind(request);
  });
}

function checkHost(request: FastifyRequest, allowedHosts: AllowedHosts): string {
  const header = request.headers.host;
  const parsed = header ? parseHostHeader(header) : null;
  if (!header || !parsed || !allowedHosts.allows(parsed.hostname)) {
    throw new ApiError(
      'host_not_allowed',
      403,
      header ? `This server does not answer to the host "${header}".` : 'The request names no host (Host header missing).',
      `kafkalab answers to ${allowedHosts.names.join(', ')}. To serve a workshop under another name, start it with --allowed-host NAME.`,
    );
  }
  return header.toLowerCase();
}

function checkOrigin(request: FastifyRequest, host: string): void {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  const refuse = (seen: string) =>
    new ApiError(
      'origin_not_allowed',
      403,
      `Refused a ${request.method} ${request.url.split('?')[0]} from ${seen}: only the course's own pages may change the cluster.`,
      'Open the course itself (the address kafkalab printed) and use its controls, or send the request from a tool such as curl.',
    );
  if (fetchSite === 'cross-site') throw refuse(origin ? `the page at ${origin}` : 'another site');
  if (origin === undefined) return;
  let originHost: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not a web origin');
    originHost = url.host;
  } catch {
    throw refuse(`the origin "${origin}"`);
  }
  if (originHost !== host) throw refuse(`the page at ${origin}`);
}

function checkBodyKind(request: FastifyRequest): void {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined) {
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    if (mediaType !== 'application/json') {
      throw new ApiError(
        'unsupported_media_type',
        415,
        `This endpoint takes application/json, not ${mediaType || 'an empty content type'}.`,
        "Send a JSON body (Content-Type: application/json, e.g. '{}'), or no body and the header X-Kafkalab: 1.",
      );
    }
    return;
  }
  const hasBody = (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0') || request.headers['transfer-encoding'] !== undefined;
  if (hasBody) {
    throw new ApiError('unsupported_media_type', 415, 'This endpoint takes application/json; the request has a body of no declared type.', "Send Content-Type: application/json with a JSON body such as '{}'.");
  }
  if (!request.headers[ACTION_HEADER]) {
    throw new ApiError(
      'header_required',
      400,
      `A ${request.method} without a body must carry the header X-Kafkalab.`,
      "Add -H 'X-Kafkalab: 1' (curl), or send Content-Type: application/json with a body such as '{}'.",
    );
  }
}
