/**
 * The stack frames kafka-configs prints under `Error while executing config command with args ...`,
 * by the place in Kafka 3.9.0's ConfigCommand.scala where the exception comes out (line numbers from
 * that file; the JDK 17 and KafkaFutureImpl frames above them are `../kafka/kafka-future-get.ts`'s). Scala's
 * lambda frames (`$anonfun$...`) are our best reading of how scalac numbers them.
 */

const MAIN = ['kafka.admin.ConfigCommand$.main(ConfigCommand.scala:98)', 'kafka.admin.ConfigCommand.main(ConfigCommand.scala)'];
const DESCRIBE = (line: number) => [`kafka.admin.ConfigCommand$.describeConfig(ConfigCommand.scala:${line})`, 'kafka.admin.ConfigCommand$.processCommand(ConfigCommand.scala:351)', ...MAIN];
const ALTER = (line: number) => [`kafka.admin.ConfigCommand$.alterConfig(ConfigCommand.scala:${line})`, 'kafka.admin.ConfigCommand$.processCommand(ConfigCommand.scala:349)', ...MAIN];
const GET_RESOURCE_CONFIG = 'kafka.admin.ConfigCommand$.getResourceConfig(ConfigCommand.scala:618)';
const QUOTAS = 'kafka.admin.ConfigCommand$.getAllClientQuotasConfigs(ConfigCommand.scala:690)';

/** Where in ConfigCommand a future's `get` failed. */
export const CONFIG_COMMAND_SITES = {
  describeResource: [
    GET_RESOURCE_CONFIG,
    'kafka.admin.ConfigCommand$.$anonfun$describeResourceConfig$4(ConfigCommand.scala:576)',
    'kafka.admin.ConfigCommand$.$anonfun$describeResourceConfig$4$adapted(ConfigCommand.scala:568)',
    'scala.collection.immutable.List.foreach(List.scala:333)',
    'kafka.admin.ConfigCommand$.describeResourceConfig(ConfigCommand.scala:568)',
    ...DESCRIBE(546),
  ],
  listTopics: ['kafka.admin.ConfigCommand$.describeResourceConfig(ConfigCommand.scala:560)', ...DESCRIBE(546)],
  describeCluster: ['kafka.admin.ConfigCommand$.describeResourceConfig(ConfigCommand.scala:562)', ...DESCRIBE(546)],
  listClientMetrics: ['kafka.admin.ConfigCommand$.describeResourceConfig(ConfigCommand.scala:564)', ...DESCRIBE(546)],
  describeQuotas: [
    QUOTAS,
    'kafka.admin.ConfigCommand$.describeQuotaConfigs(ConfigCommand.scala:627)',
    'kafka.admin.ConfigCommand$.describeClientQuotaAndUserScramCredentialConfigs(ConfigCommand.scala:651)',
    ...DESCRIBE(548),
  ],
  describeIpQuotas: [QUOTAS, 'kafka.admin.ConfigCommand$.describeQuotaConfigs(ConfigCommand.scala:627)', ...DESCRIBE(550)],
  alterDescribeTopic: [GET_RESOURCE_CONFIG, ...ALTER(369)],
  alterDescribeBroker: [GET_RESOURCE_CONFIG, ...ALTER(385)],
  alterDescribeBrokerLogger: [GET_RESOURCE_CONFIG, ...ALTER(404)],
  alterDescribeClientMetrics: [GET_RESOURCE_CONFIG, ...ALTER(458)],
  incrementalAlterTopic: ALTER(382),
  incrementalAlterBrokerLogger: ALTER(415),
  incrementalAlterClientMetrics: ALTER(471),
  alterBroker: ALTER(401),
  alterQuotas: (alterLine: number) => [
    QUOTAS,
    'kafka.admin.ConfigCommand$.getClientQuotasConfig(ConfigCommand.scala:671)',
    'kafka.admin.ConfigCommand$.alterQuotaConfigs(ConfigCommand.scala:507)',
    ...ALTER(alterLine),
  ],
  alterScram: ['kafka.admin.ConfigCommand$.alterUserScramCredentialConfigs(ConfigCommand.scala:502)', ...ALTER(450)],
  addConfigFile: ['kafka.admin.ConfigCommand$.parseConfigsToBeAdded(ConfigCommand.scala:290)', ...ALTER(363)],
  commandConfig: ['kafka.admin.ConfigCommand$.processCommand(ConfigCommand.scala:334)', ...MAIN],
  createAdmin: ['kafka.admin.ConfigCommand$.processCommand(ConfigCommand.scala:342)', ...MAIN],
} as const;

