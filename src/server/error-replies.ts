import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { ApiError, type ApiErrorCode } from './http-error.ts';

/** The code an HTTP status stands for when fastify or a plugin (not our routes) raised the error. */
const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Any error as the project's `ApiError`: ours as they are, fastify's and plugins' by their status. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError(CODE_BY_STATUS[status] ?? 'bad_request', status, message);
  }
  return new ApiError('internal', 500, 'Internal error; see the server log.');
}

/**
 * Every error the server answers is JSON in the project's format (`{ ok: false, error: { code,
 * message, hint? } }`): route errors, fastify's own (bad JSON, body too large, bad URL), static-file
 * refusals and unknown API routes. Unknown site pages get the course's 404 page.
 */
export function registerErrorReplies(app: FastifyInstance, options: { siteDir?: string }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error(error);
    return reply.status(apiError.status).send(apiError.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !options.siteDir) {
      return reply.status(404).send(new ApiError('not_found', 404, `No route ${request.method} ${request.url.split('?')[0]}.`).toJSON());
    }
    return reply.status(404).sendFile('404.html');
  });
}

/** Fastify's `frameworkErrors` option: errors raised before routing (a malformed URL, ...). */
export function frameworkErrorReply(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const apiError = toApiError(error);
  void reply.status(apiError.status).send(apiError.toJSON());
}

/** Fastify's `clientErrorHandler` option: a request the HTTP parser could not read at all. */
export function clientErrorReply(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const apiError = tooLarge
    ? new ApiError('payload_too_large', 431, 'The request headers are too large.')
    : new ApiError('bad_request', 400, `The request is not valid HTTP (${error.code ?? error.message}).`);
  const body = JSON.stringify(apiError.toJSON());
  socket.end(
    `HTTP/1.1 ${apiError.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
