/** Ready when broker `id` has registered: its ephemeral `/brokers/ids/<id>` exists in ZooKeeper. */
import type { ZooKeeperClient } from '../../../../cluster/zookeeper/client/zookeeper-client.ts';
import type { WaitStrategy } from './wait-strategy.ts';

export function brokerRegisteredWait(name: string, id: number, zookeeper: () => Promise<ZooKeeperClient>): WaitStrategy {
  return {
    description: `${name} (broker ${id}) to register in /brokers/ids`,
    async probe() {
      const ids = await (await zookeeper()).getChildren('/brokers/ids').catch(() => [] as string[]);
      return { ready: ids.includes(String(id)), saw: ids.length ? `registered: ${ids.sort().join(', ')}` : 'no broker registered' };
    },
  };
}
