/**
 * What the group handlers (`broker/handlers/{join-group,...}.ts`) share: reaching this broker's
 * coordinator, and describing the client the way Kafka does.
 */
import type { RequestContext } from '../broker/api-handler.ts';
import { GroupCoordinator } from './group-coordinator.ts';

/** This broker's coordinator, or `null` while there is none (answer COORDINATOR_NOT_AVAILABLE then). */
export function coordinatorOf(ctx: RequestContext): GroupCoordinator | null {
  const coordinator = ctx.services.groupCoordinator;
  return coordinator instanceof GroupCoordinator ? coordinator : null;
}

/** Kafka's `clientHost` (`InetAddress.toString()` of the peer): `127.0.0.1:53122` becomes `/127.0.0.1`. */
export function clientHostOf(remote: string): string {
  const colon = remote.lastIndexOf(':');
  let host = colon > 0 ? remote.slice(0, colon) : remote;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.startsWith('::ffff:') && host.includes('.')) host = host.slice('::ffff:'.length);
  return `/${host}`;
}
