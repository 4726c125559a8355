import type { Messages } from '../i18n/translate.ts';

/** Messages of the shared checks, in English. */
export const en: Messages = {
  'labs.check.quorum.saw': '{running} of 3 ZooKeeper nodes running; leader: {leader}; followers: {followers}',
  'labs.check.quorum.expected': '3 ZooKeeper nodes running: one leader, two followers',
  'labs.check.brokers.saw': 'brokers registered in /brokers/ids: {ids}',
  'labs.check.brokers.expected': 'brokers {ids} registered in /brokers/ids',
  'labs.check.controller.saw': '/controller names {controller}',
  'labs.check.controller.expected': 'a controller elected (/controller names a live broker)',
  'labs.check.controller.none': 'no controller',
  'labs.check.cluster-state.saw': 'the cluster is {state}',
  'labs.check.cluster-state.expected': 'the cluster up',
  'labs.check.broker-answer.unknown': '“{answer}” does not name a broker (answer with its id, e.g. 2, or its node name, e.g. kafka-2)',
  'labs.check.broker-answer.expected': 'the id of the broker the live cluster shows',
};
