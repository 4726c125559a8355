/**
 * `ZkNodeChangeNotificationListener.purgeObsoleteNotifications`: after each pass over `/config/changes`, the
 * notifications created more than `changeExpirationMs` (15 minutes) ago are deleted, so the sequential znodes
 * do not pile up. Every broker purges; a notification another broker deleted first is skipped.
 */
import type { ZooKeeperClient } from '../../zookeeper/client/index.ts';

/** Kafka's `changeExpirationMs` default. */
export const CONFIG_CHANGE_EXPIRATION_MS = 15 * 60 * 1000;

/** Deletes the notifications under `root` (given by name) older than `expirationMs` at `now`; returns how many. */
export async function purgeObsoleteNotifications(
  client: Pick<ZooKeeperClient, 'getData' | 'delete'>,
  root: string,
  names: readonly string[],
  now: number,
  expirationMs = CONFIG_CHANGE_EXPIRATION_MS,
): Promise<number> {
  let purged = 0;
  for (const name of [...names].sort()) {
    const path = `${root}/${name}`;
    try {
      const { stat } = await client.getData(path);
      if (now - Number(stat.ctime) <= expirationMs) continue;
      await client.delete(path);
      purged += 1;
    } catch {
      // Gone already (another broker purged it) or the session is closing: nothing to purge.
    }
  }
  return purged;
}
