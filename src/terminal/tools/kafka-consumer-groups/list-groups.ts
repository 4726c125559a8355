/**
 * `--list`: group ids one per line; with `--state [s1,s2]` and/or `--type [t1,t2]` a table with those
 * columns, filtered (`printGroupInfo`: GROUP `max(15, longest id) + 10` wide, then ` %-20s` per column).
 *
 * Kafka 3.9 reads states and types from ListGroups v4/v5; this tool lists through kafkajs, which speaks
 * ListGroups v2 (our brokers advertise up to v4), carrying neither, so the states come from DescribeGroups
 * (the same state names) and every group is `Classic` (a ZooKeeper-mode broker has no other kind) [inferred].
 */
import { UsageError } from '../options/command-line-utils.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { executionException } from '../kafka/kafka-future-get.ts';
import { padRight, ToolFailure } from './group-command-output.ts';
import type { ConsumerGroupService } from './consumer-group-service.ts';

/** ConsumerGroupState's names, UNKNOWN first (as the enum declares them). */
const STATES = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'];
const TYPES = ['Unknown', 'Consumer', 'Classic'];

/** `consumerGroupStatesFromString`: comma-separated, case-insensitive; an unknown one is a usage error. */
export function parseStates(input: string): Set<string> {
  const parsed = new Set(javaSplit(input, ',').map((s) => STATES.find((state) => state.toUpperCase() === s.trim().toUpperCase()) ?? 'Unknown'));
  if (parsed.has('Unknown')) {
    throw new UsageError(`Invalid state list '${input}'. Valid states are: ${STATES.slice(1).join(', ')}`);
  }
  return parsed;
}

/** `consumerGroupTypesFromString`. */
export function parseTypes(input: string): Set<string> {
  const parsed = new Set(javaSplit(input.toLowerCase(), ',').map((s) => TYPES.find((type) => type.toLowerCase() === s.trim()) ?? 'Unknown'));
  if (parsed.has('Unknown')) throw new UsageError(`Invalid types list '${input}'. Valid types are: ${TYPES.slice(1).join(', ')}`);
  return parsed;
}

/** Java's `String.split(regex)` for a literal: trailing empty strings are dropped. */
export function javaSplit(text: string, separator: string): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 1 && parts[0] === '' && text !== '') return [];
  return parts;
}

export async function listGroups(service: ConsumerGroupService): Promise<void> {
  const { options, output } = service;
  const includeType = options.has('type');
  const includeState = options.has('state');
  if (!includeType && !includeState) {
    for (const listing of await service.listConsumerGroups(['listGroups', 212])) await output.out(`${listing.groupId}\n`);
    return;
  }
  const typeValue = options.valueOf('type');
  const stateValue = options.valueOf('state');
  const types = typeValue ? parseTypes(typeValue) : new Set<string>();
  const states = stateValue ? parseStates(stateValue) : new Set<string>();

  let listings;
  try {
    listings = await service.admin.listConsumerGroups(service.timeoutMs());
  } catch (error) {
    if (!(error instanceof JavaException)) throw error;
    // listConsumerGroupsWithFilters lets the ExecutionException through.
    throw new ToolFailure(
      executionException(
        { javaClass: 'org.apache.kafka.common.KafkaException', message: 'Failed to find brokers to send ListGroups', frames: [], cause: error },
        service.frames('listConsumerGroupsWithFilters', 279, ['listGroups', 208]),
      ),
    );
  }
  const described = await service.admin.describeConsumerGroups(
    listings.map((listing) => listing.groupId),
    service.timeoutMs(),
  );
  const rows = listings
    .map((listing) => {
      const description = described.get(listing.groupId);
      return { groupId: listing.groupId, type: 'Classic', state: description instanceof JavaException || !description ? 'Unknown' : description.state };
    })
    .filter((row) => (states.size === 0 || states.has(row.state)) && (types.size === 0 || types.has(row.type)));

  const groupWidth = rows.reduce((width, row) => Math.max(width, row.groupId.length), 15) + 10;
  const line = (group: string, type: string, state: string) =>
    padRight(group, groupWidth) + (includeType ? ` ${padRight(type, 20)}` : '') + (includeState ? ` ${padRight(state, 20)}` : '') + '\n';
  await output.out(line('GROUP', 'TYPE', 'STATE'));
  for (const row of rows) await output.out(line(row.groupId, row.type, row.state));
}
