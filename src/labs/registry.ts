/**
 * Every lab, and the message catalogs their text lives in. A lab is added by one entry here; the
 * lessons embed labs by id (`<LabSection lab="cluster-up" />`) and the build fails on an unknown id.
 */
import { brokerIds } from './broker-ids/broker-ids.ts';
import { en as brokerIdsEn } from './broker-ids/en.ts';
import { en as brokerSetEn } from './checks/broker-set-en.ts';
import { en as checksEn } from './checks/en.ts';
import { en as topicShapeEn } from './checks/topic-shape-en.ts';
import { clusterUp } from './cluster-up/cluster-up.ts';
import { en as clusterUpEn } from './cluster-up/en.ts';
import { brokerFailure } from './broker-failure/broker-failure.ts';
import { en as brokerFailureEn } from './broker-failure/en.ts';
import { minInsyncReplicas } from './min-insync-replicas/min-insync-replicas.ts';
import { en as minInsyncReplicasEn } from './min-insync-replicas/en.ts';
import { consoleProduceConsume } from './console-produce-consume/console-produce-consume.ts';
import { en as consoleProduceConsumeEn } from './console-produce-consume/en.ts';
import { consumerGroups } from './consumer-groups/consumer-groups.ts';
import { en as consumerGroupsEn } from './consumer-groups/en.ts';
import { kraftMapping } from './kraft-mapping/kraft-mapping.ts';
import { en as kraftMappingEn } from './kraft-mapping/en.ts';
import { en as replicationEn } from './checks/replication-en.ts';
import { en as graderEn } from './i18n/en.ts';
import { zookeeperZnodes } from './zookeeper-znodes/zookeeper-znodes.ts';
import { zookeeperQuorum } from './zookeeper-quorum/zookeeper-quorum.ts';
import { seedTopic } from './seed-topic/seed-topic.ts';
import { en as seedTopicEn } from './seed-topic/en.ts';
import { en as zookeeperQuorumEn } from './zookeeper-quorum/en.ts';
import { en as zookeeperZnodesEn } from './zookeeper-znodes/en.ts';
import { createTranslate, type Messages, type Translate } from './i18n/translate.ts';
import type { Lab } from './lab.ts';

export interface LabEntry {
  lab: Lab;
  /** The lab's text, by locale. */
  messages: Readonly<Record<string, Messages>>;
}

const entries: LabEntry[] = [
  { lab: clusterUp, messages: { en: clusterUpEn } },
  { lab: brokerIds, messages: { en: brokerIdsEn } },
  { lab: zookeeperZnodes, messages: { en: zookeeperZnodesEn } },
  { lab: zookeeperQuorum, messages: { en: zookeeperQuorumEn } },
  { lab: seedTopic, messages: { en: seedTopicEn } },
  { lab: brokerFailure, messages: { en: brokerFailureEn } },
  { lab: minInsyncReplicas, messages: { en: minInsyncReplicasEn } },
  { lab: consoleProduceConsume, messages: { en: consoleProduceConsumeEn } },
  { lab: consumerGroups, messages: { en: consumerGroupsEn } },
  { lab: kraftMapping, messages: { en: kraftMappingEn } },
];

export const labs: readonly Lab[] = entries.map((entry) => entry.lab);

export const DEFAULT_LOCALE = 'en';

export function labById(id: string): Lab | undefined {
  return labs.find((lab) => lab.id === id);
}

/** The labs of one chapter, in order. */
export function labsOfChapter(chapter: number): Lab[] {
  return labs.filter((lab) => lab.chapter === chapter);
}

/** Every lab message in `locale` (falling back to English key by key). */
export function labMessages(locale = DEFAULT_LOCALE): Messages {
  const shared: Record<string, Messages> = { en: { ...graderEn, ...checksEn, ...topicShapeEn, ...brokerSetEn, ...replicationEn } };
  const pick = (byLocale: Readonly<Record<string, Messages>>) => ({ ...byLocale[DEFAULT_LOCALE], ...byLocale[locale] });
  return Object.assign({}, pick(shared), ...entries.map((entry) => pick(entry.messages)));
}

export function labTranslate(locale = DEFAULT_LOCALE): Translate {
  return createTranslate(labMessages(locale));
}
