/**
 * The ZooKeeper session identity of every broker, to tell "kept its session through a ZooKeeper failure"
 * from "lost it and registered again" (both leave `/brokers/ids` listing every broker).
 *
 *   const before = await brokerSessions(cluster, zk);   // before the failure
 *   ...kill a ZooKeeper node...
 *   await expectSessionsKept(cluster, zk, before);
 */
import { expect } from 'vitest';
import type { ZooKeeperClient } from '../../src/cluster/zookeeper/client/index.ts';
import { waitUntil } from './kafka-clients.ts';
import type { KafkaTestCluster } from './kafka-cluster.ts';

export interface BrokerSessionIdentity {
  /** The session id of the broker's own ZooKeeper client (hex). */
  readonly session: string;
  /** `stat.ephemeralOwner` of `/brokers/ids/<id>`: the session that registered it (hex). */
  readonly registrationOwner: string;
}

const hex = (value: bigint | undefined) => (value === undefined ? 'none' : `0x${value.toString(16)}`);

/** Every broker's session identity, read from the broker and, through `zk`, from its registration. */
export async function brokerSessions(cluster: KafkaTestCluster, zk: ZooKeeperClient, ids: readonly number[] = cluster.ids): Promise<Record<number, BrokerSessionIdentity>> {
  const identities: Record<number, BrokerSessionIdentity> = {};
  for (const id of ids) {
    const stat = await zk.exists(`/brokers/ids/${id}`);
    identities[id] = { session: hex(cluster.broker(id).zookeeperSession?.id), registrationOwner: hex(stat?.ephemeralOwner) };
  }
  return identities;
}

/** Every broker has a session and its registration is owned by that session (the baseline is meaningful). */
export function expectOwnRegistrations(identities: Record<number, BrokerSessionIdentity>): void {
  for (const [id, { session, registrationOwner }] of Object.entries(identities)) {
    expect(session, `broker ${id} has a ZooKeeper session`).toMatch(/^0x[0-9a-f]*[1-9a-f][0-9a-f]*$/);
    expect(registrationOwner, `/brokers/ids/${id} is owned by broker ${id}'s session`).toBe(session);
  }
}

/**
 * Asserts that every broker in `before` still has exactly the same session, and that its registration is
 * still owned by it, after a ZooKeeper failure.
 *
 * First waits (a precondition) until every broker's ZooKeeper client is connected again. Then watches for
 * a bounded window, the brokers' session timeout plus a margin, to prove a negative: a session lost in the
 * failure is expired by the ZooKeeper leader within its timeout once a quorum serves, and the broker would
 * then register again under a new session. The window ends early as soon as a session id changes.
 */
export async function expectSessionsKept(cluster: KafkaTestCluster, zk: ZooKeeperClient, before: Record<number, BrokerSessionIdentity>): Promise<void> {
  const ids = Object.keys(before).map(Number);
  const state = () => Object.fromEntries(ids.map((id) => [id, cluster.broker(id).zookeeperSession?.state ?? 'none']));
  await waitUntil('every broker connected to ZooKeeper again', () => ids.every((id) => cluster.broker(id).zookeeperSession?.state === 'connected'), 20_000, state);
  const windowMs = Math.max(...ids.map((id) => cluster.broker(id).config.zookeeperSessionTimeoutMs)) + 1000;
  const sessionIds = () => ids.map((id) => hex(cluster.broker(id).zookeeperSession?.id));
  const expected = ids.map((id) => before[id].session);
  for (const end = Date.now() + windowMs; Date.now() < end && sessionIds().every((s, i) => s === expected[i]); ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await brokerSessions(cluster, zk, ids)).toEqual(before);
}
