/**
 * The znodes a Kafka 3.x broker in ZooKeeper mode reads and writes (Kafka's `ZkData.scala`), as paths.
 * See `/brokers/...` layout notes in `znode-json.ts` for their contents.
 */
export const ZkPaths = {
  brokers: '/brokers',
  brokerIds: '/brokers/ids',
  brokerSeqId: '/brokers/seqid',
  topics: '/brokers/topics',
  controller: '/controller',
  controllerEpoch: '/controller_epoch',
  clusterId: '/cluster/id',
  configTopics: '/config/topics',
  configChanges: '/config/changes',
  deleteTopics: '/admin/delete_topics',
  isrChangeNotification: '/isr_change_notification',
  feature: '/feature',
  brokerId: (id: number): string => `/brokers/ids/${id}`,
  topic: (topic: string): string => `/brokers/topics/${topic}`,
  partitions: (topic: string): string => `/brokers/topics/${topic}/partitions`,
  partition: (topic: string, partition: number): string => `/brokers/topics/${topic}/partitions/${partition}`,
  partitionState: (topic: string, partition: number): string => `/brokers/topics/${topic}/partitions/${partition}/state`,
  topicConfig: (topic: string): string => `/config/topics/${topic}`,
  deleteTopic: (topic: string): string => `/admin/delete_topics/${topic}`,
} as const;

/**
 * What every broker creates at startup (`ZkData.PersistentZkPaths` plus the `/config/<entity>` folders),
 * with null data, ignoring NODEEXISTS.
 */
export const persistentZkPaths: readonly string[] = [
  '/consumers',
  '/brokers/ids',
  '/brokers/topics',
  '/config/changes',
  '/admin/delete_topics',
  '/brokers/seqid',
  '/isr_change_notification',
  '/latest_producer_id_block',
  '/log_dir_event_notification',
  '/config/topics',
  '/config/clients',
  '/config/users',
  '/config/brokers',
  '/config/ips',
];
