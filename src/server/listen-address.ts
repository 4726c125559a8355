import { ApiError } from './http-error.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The server binds loopback only, unless remote access is asked for explicitly: a course backend
 * that can stop and start clusters must not be reachable from the network by accident.
 */
export function checkListenAddress(host: string, allowRemote: boolean): void {
  if (!isLoopback(host) && !allowRemote) {
    throw new ApiError(
      'bad_request',
      400,
      `Refusing to listen on ${host}: kafkalab binds to loopback (127.0.0.1) unless remote access is asked for.`,
      'Pass --allow-remote to listen on another address (workshop hosting); keep the default for personal use.',
    );
  }
}
