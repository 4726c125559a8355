/**
 * Who is learning. kafkalab serves one learner per server for now (`local`); the engine, the store and
 * the routes take the learner as a parameter everywhere, so accounts are a change here only.
 */
import type { FastifyRequest } from 'fastify';

export const LOCAL_LEARNER = 'local';

export function learnerOf(_request: FastifyRequest): string {
  return LOCAL_LEARNER;
}
