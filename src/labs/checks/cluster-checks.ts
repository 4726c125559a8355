/** Checks on the cluster as a whole, shared by several labs. */
import type { LabCheck } from '../lab.ts';
import { kafkaView, list, nodesOf } from './cluster-view.ts';

/** Three ZooKeeper nodes running, one leader and two followers. */
export function zookeeperQuorumCheck(id = 'zookeeper-quorum'): LabCheck {
  return {
    id,
    async run(context) {
      const nodes = await nodesOf(context, 'zookeeper');
      const running = nodes.filter((node) => node.state === 'running');
      const leader = running.filter((node) => node.mode === 'leader').map((node) => node.name);
      const followers = running.filter((node) => node.mode === 'follower').map((node) => node.name);
      return {
        passed: running.length === 3 && leader.length === 1 && followers.length === 2,
        saw: context.t('labs.check.quorum.saw', { running: running.length, leader: list(leader), followers: list(followers) }),
        expected: context.t('labs.check.quorum.expected'),
      };
    },
  };
}

/** Every broker the runtime runs registered under `/brokers/ids`. */
export function brokersRegisteredCheck(id = 'brokers-registered'): LabCheck {
  return {
    id,
    async run(context) {
      const wanted = (await nodesOf(context, 'kafka')).map((node) => node.id).sort((a, b) => a - b);
      const { brokers } = await kafkaView(context);
      const registered = brokers.map((broker) => broker.id);
      return {
        passed: wanted.length > 0 && wanted.every((brokerId) => registered.includes(brokerId)),
        saw: context.t('labs.check.brokers.saw', { ids: list(registered) }),
        expected: context.t('labs.check.brokers.expected', { ids: list(wanted) }),
      };
    },
  };
}

/** `/controller` names a registered broker. */
export function controllerElectedCheck(id = 'controller-elected'): LabCheck {
  return {
    id,
    async run(context) {
      const view = await kafkaView(context);
      const registered = view.brokers.map((broker) => broker.id);
      return {
        passed: view.controllerId !== null && registered.includes(view.controllerId),
        saw: context.t('labs.check.controller.saw', { controller: view.controllerId ?? context.t('labs.check.controller.none') }),
        expected: context.t('labs.check.controller.expected'),
      };
    },
  };
}
