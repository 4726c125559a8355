/**
 * Brings the cluster to a lab's starting state without restarting anything that need not restart: the
 * lab's broker ids (the runtime reconfigures only when they differ), then either down (`initialState:
 * 'down'`) or up with every node running and connected (isolated nodes healed, stopped ones started,
 * ZooKeeper first) and every broker registered under a controller; then the lab's own `reset`.
 */
import { kafkaView } from '../../labs/checks/cluster-view.ts';
import type { LabContextFactory } from '../../labs/grade.ts';
import type { Lab } from '../../labs/lab.ts';
import type { ClusterRuntime } from '../runtime/cluster-runtime.ts';
import { withLabContext } from './with-lab-context.ts';

export async function bringToStartState(runtime: ClusterRuntime, lab: Lab, open: LabContextFactory, timeoutMs: number): Promise<void> {
  await runtime.configure({ brokerIds: lab.cluster?.brokerIds });
  if (lab.cluster?.initialState === 'down') {
    await runtime.down();
    return;
  }
  const status = await runtime.up();
  for (const node of status.nodes) if (node.state === 'isolated') await runtime.nodeAction(node.name, 'heal');
  for (const kind of ['zookeeper', 'kafka'] as const) {
    for (const node of status.nodes) if (node.kind === kind && node.state === 'stopped') await runtime.nodeAction(node.name, 'start');
  }
  await withLabContext(open, timeoutMs, async (context) => {
    const brokerIds = (await context.cluster.status()).nodes.filter((node) => node.kind === 'kafka').map((node) => node.id);
    // A healed broker registers again once its new ZooKeeper session is open; a restarted one, at start.
    for (;;) {
      const view = await kafkaView(context).catch(() => null);
      const registered = view?.brokers.map((broker) => broker.id) ?? [];
      if (view?.controllerId != null && registered.includes(view.controllerId) && brokerIds.every((id) => registered.includes(id))) break;
      if (context.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (lab.reset) await lab.reset(context);
  });
}
