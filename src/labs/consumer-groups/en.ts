import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.consumer-groups.title': 'Share the work in a consumer group',
  'labs.consumer-groups.goal':
    'Run two consumers in the group order-workers and see them split the four partitions of orders; stop one, and the other takes over every partition from the offsets the group committed.',

  'labs.consumer-groups.start-two-consumers.title': 'Start two consumers in one group',
  'labs.consumer-groups.start-two-consumers.instructions':
    'The lab created orders with four partitions and wrote 20 records to it. Start two consumers with the same group, order-workers, in two terminals (the terminal’s + terminal opens another tab): the group’s coordinator runs a rebalance and the partitions are split between the two members, each partition read by exactly one of them. Let them read everything, then look at the group’s members and offsets.',
  'labs.consumer-groups.start-two-consumers.hint.1': 'Both consumers need the same --group; a consumer without one reads alone in a throw-away group.',
  'labs.consumer-groups.start-two-consumers.hint.2':
    'In each of two terminal tabs (+ terminal opens the second): `kafka-console-consumer --bootstrap-server localhost:19092 --topic orders --group order-workers --from-beginning`. Leave both running.',
  'labs.consumer-groups.start-two-consumers.hint.3':
    'In a third tab, while both run: `kafka-consumer-groups --bootstrap-server localhost:19092 --describe --group order-workers --members --verbose` lists each member and its partitions; without --members it shows the committed offsets and the lag.',
  'labs.consumer-groups.check.group.saw.one': '{group} is {state} with 1 member: {members}',
  'labs.consumer-groups.check.group.saw.other': '{group} is {state} with {count} members: {members}',
  'labs.consumer-groups.check.group.member': '{member} reads {topic} {partitions}',
  'labs.consumer-groups.check.group.empty': '{group} has no members ({state})',
  'labs.consumer-groups.check.group.nothing': 'nothing',
  'labs.consumer-groups.check.two-members.expected': '{group} Stable with 2 members that split the {partitions} partitions of {topic}, each reading at least one',
  'labs.consumer-groups.check.two-members.one': 'One member reads every partition: start a second consumer with --group {group}.',
  'labs.consumer-groups.check.two-members.more': 'This step wants exactly two members: stop the others with Ctrl-C.',
  'labs.consumer-groups.check.committed.partition': '{topic}-{partition} {committed} of {end}',
  'labs.consumer-groups.check.committed.saw': '{group} committed: {partitions}',
  'labs.consumer-groups.check.caught-up.expected': '{group} committed at the end of every partition of {topic} (lag 0)',

  'labs.consumer-groups.stop-one-consumer.title': 'Stop one consumer',
  'labs.consumer-groups.stop-one-consumer.instructions':
    'Stop one of the two consumers with Ctrl-C in its terminal: it leaves the group, and in the rebalance that follows the other member is assigned all four partitions. Then produce a few more records to orders. The remaining consumer reads the partitions it took over from the offsets the group committed there, so nothing is read twice and nothing is skipped.',
  'labs.consumer-groups.stop-one-consumer.hint.1': 'Ctrl-C lets the console consumer leave the group at once; a consumer that is killed is only dropped after session.timeout.ms (45 s by default).',
  'labs.consumer-groups.stop-one-consumer.hint.2':
    'Produce with different keys so the records land in several partitions: `kafka-console-producer --bootstrap-server localhost:19092 --topic orders --property parse.key=true --property key.separator=:`, then lines such as order-101:one more order, and Ctrl-D.',
  'labs.consumer-groups.stop-one-consumer.hint.3': '`kafka-consumer-groups --bootstrap-server localhost:19092 --describe --group order-workers`: one CONSUMER-ID on every partition, and LAG 0.',
  'labs.consumer-groups.check.one-member.expected': 'one member left in {group}, reading all {partitions} partitions of {topic}',
  'labs.consumer-groups.check.one-member.two': 'Both members are still in the group: stop one of them with Ctrl-C.',
  'labs.consumer-groups.check.one-member.none': 'No member is left: keep one of the two consumers running.',
  'labs.consumer-groups.check.same-member.expected': 'the member left is one of the two that split the partitions in step 1',
  'labs.consumer-groups.check.same-member.unknown': 'the members of step 1 are not known in this session',
  'labs.consumer-groups.check.same-member.unknown-hint': 'Run two consumers again and check step 1, then stop one of them.',
  'labs.consumer-groups.check.same-member.count': '{group} has {count} members',
  'labs.consumer-groups.check.same-member.kept': '{member}, one of the two members of step 1',
  'labs.consumer-groups.check.same-member.new': '{member}, a member that joined after step 1',
  'labs.consumer-groups.check.same-member.new-hint': 'A consumer started afterwards joins as a new member. Keep one of the first two running: start two again, check step 1, then stop one.',
  'labs.consumer-groups.check.continue.saw': '{added} records written since step 1; {group} committed: {partitions}',
  'labs.consumer-groups.check.continue.expected': 'new records written after step 1, and {group} committed at the end of every partition (lag 0)',
  'labs.consumer-groups.check.continue.produce': 'Produce a few more records to {topic}, so the remaining consumer has something to read in the partitions it took over.',
  'labs.consumer-groups.check.continue.lag': 'The group has records left to read: the console consumer commits every 5 seconds, so check again in a moment.',
};
