import { describe, expect, it } from 'vitest';
import { ErrorCode, ZooKeeperError } from '../../zookeeper/client/index.ts';
import { CONFIG_CHANGE_EXPIRATION_MS, purgeObsoleteNotifications } from './config-change-purge.ts';

/** A `/config/changes` with notifications created at the given times; `delete` removes them. */
function changes(created: Record<string, number>) {
  const nodes = new Map(Object.entries(created));
  return {
    nodes,
    client: {
      async getData(path: string) {
        const ctime = nodes.get(path.slice('/config/changes/'.length));
        if (ctime === undefined) throw new ZooKeeperError(ErrorCode.NONODE, path);
        return { data: new Uint8Array(), stat: { ctime: BigInt(ctime) } };
      },
      async delete(path: string) {
        if (!nodes.delete(path.slice('/config/changes/'.length))) throw new ZooKeeperError(ErrorCode.NONODE, path);
      },
    } as unknown as Parameters<typeof purgeObsoleteNotifications>[0],
  };
}

describe('purgeObsoleteNotifications', () => {
  it('deletes the notifications older than 15 minutes and keeps the recent ones', async () => {
    const now = 100 * 60_000;
    const { nodes, client } = changes({
      config_change_0000000000: now - CONFIG_CHANGE_EXPIRATION_MS - 1,
      config_change_0000000001: now - CONFIG_CHANGE_EXPIRATION_MS,
      config_change_0000000002: now - 1000,
    });
    const names = [...nodes.keys(), 'config_change_0000000003']; // the last one was purged by another broker already
    expect(await purgeObsoleteNotifications(client, '/config/changes', names, now)).toBe(1);
    expect([...nodes.keys()]).toEqual(['config_change_0000000001', 'config_change_0000000002']);
    expect(await purgeObsoleteNotifications(client, '/config/changes', [...nodes.keys()], now + 1)).toBe(1);
    expect([...nodes.keys()]).toEqual(['config_change_0000000002']);
  });
});
