/**
 * The lab shell's commands: the Kafka tools by their real names, the ZooKeeper shell, `kafkalab`,
 * and a few shell utilities. Anything else is `command not found`. Add a command here, nowhere else.
 */
import type { Command } from './command.ts';
import { shellBuiltins } from './builtins/shell-builtins.ts';
import { CommandRegistry } from './shell/command-registry.ts';
import { kafkaBrokerApiVersions } from './tools/kafka-broker-api-versions/kafka-broker-api-versions.ts';
import { kafkaConfigs } from './tools/kafka-configs/kafka-configs.ts';
import { kafkaConsoleConsumer } from './tools/kafka-console-consumer/kafka-console-consumer.ts';
import { kafkaConsoleProducer } from './tools/kafka-console-producer/kafka-console-producer.ts';
import { kafkaConsumerGroups } from './tools/kafka-consumer-groups/kafka-consumer-groups.ts';
import { kafkaGetOffsets } from './tools/kafka-get-offsets/kafka-get-offsets.ts';
import { kafkaTopicsCommand } from './tools/kafka-topics/kafka-topics-command.ts';
import { kafkalab } from './tools/kafkalab/kafkalab.ts';
import { nc } from './tools/nc/nc.ts';
import { zookeeperShell } from './tools/zookeeper-shell/zookeeper-shell.ts';

export const labCommands: readonly Command[] = [
  kafkaTopicsCommand,
  zookeeperShell,
  kafkaConsoleProducer,
  kafkaConsoleConsumer,
  kafkaConsumerGroups,
  kafkaGetOffsets,
  kafkaConfigs,
  kafkaBrokerApiVersions,
  nc,
  kafkalab,
  ...shellBuiltins,
];

export function labCommandRegistry(): CommandRegistry {
  return new CommandRegistry(labCommands);
}
