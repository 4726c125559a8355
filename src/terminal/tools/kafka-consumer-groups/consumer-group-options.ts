/**
 * kafka-consumer-groups' options and their checks, in the order Kafka 3.9's `ConsumerGroupCommandOptions`
 * runs them (`parse`, then `checkArgs`, then `main`'s one-action rule), with its exact messages.
 *
 * `--members`, `--verbose`, `--offsets`, `--state` and `--type` are jopt `availableIf` options: using one
 * without `--describe` (or `--list`) fails in jopt's parse as `UnavailableOptionException`, which the tool
 * does not catch (see `option-exception-trace.ts`).
 *
 * Where Java joins a `HashSet` of option specs (identity hashes, a different order each run) the order
 * here is the one the reference shows, or declaration order.
 */
import { checkInvalidArgs, checkRequiredArgs, UsageError } from '../options/command-line-utils.ts';
import { OptionException, parseOptions, type OptionSpec, type ParsedOptions } from '../options/option-parser.ts';
import { javaHashOrder } from '../kafka/java-hash-map.ts';
import { javaStringHashCode } from '../../../cluster/kafka/group/java-string-hash.ts';
import { USAGE_PURPOSE } from './help-table.ts';

export const CONSUMER_GROUP_OPTIONS: readonly OptionSpec[] = [
  { name: 'bootstrap-server', argument: 'required' },
  { name: 'group', argument: 'required' },
  { name: 'topic', argument: 'required' },
  { name: 'all-topics' },
  { name: 'list' },
  { name: 'describe' },
  { name: 'all-groups' },
  { name: 'delete' },
  { name: 'timeout', argument: 'required' },
  { name: 'command-config', argument: 'required' },
  { name: 'reset-offsets' },
  { name: 'delete-offsets' },
  { name: 'dry-run' },
  { name: 'execute' },
  { name: 'export' },
  { name: 'to-offset', argument: 'required' },
  { name: 'from-file', argument: 'required' },
  { name: 'to-datetime', argument: 'required' },
  { name: 'by-duration', argument: 'required' },
  { name: 'to-earliest' },
  { name: 'to-latest' },
  { name: 'to-current' },
  { name: 'shift-by', argument: 'required' },
  { name: 'members' },
  { name: 'verbose' },
  { name: 'offsets' },
  { name: 'state', argument: 'optional' },
  { name: 'type', argument: 'optional' },
  { name: 'help' },
  { name: 'version' },
];

/** Option -> the options one of which must be present for it (jopt `availableIf`). */
const AVAILABLE_IF: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['members', ['describe']],
  ['verbose', ['describe']],
  ['offsets', ['describe']],
  ['state', ['describe', 'list']],
  ['type', ['list']],
];

export const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets'] as const;
export type ConsumerGroupAction = (typeof ACTIONS)[number];

export const RESET_SCENARIOS = ['to-offset', 'shift-by', 'to-datetime', 'by-duration', 'to-earliest', 'to-latest', 'to-current', 'from-file'] as const;

/** jopt's parse: unknown options, missing arguments, then the `availableIf` rule (skipped when `--help`/`--version` is there). */
export function parseConsumerGroupOptions(args: readonly string[]): ParsedOptions {
  const options = parseOptions(CONSUMER_GROUP_OPTIONS, args);
  if (options.has('help') || options.has('version')) return options;
  // OptionParser keeps availableIf in a HashMap keyed by the option's names (a List: hash 31 + name.hashCode()).
  const rules = javaHashOrder(AVAILABLE_IF, ([name]) => (31 + javaStringHashCode(name)) | 0, ([name]) => name);
  const unavailable = rules.filter(([name, needs]) => options.has(name) && !needs.some((need) => options.has(need))).map(([name]) => name);
  if (unavailable.length > 0) {
    throw new OptionException('joptsimple.UnavailableOptionException', `Option(s) [${unavailable.join(', ')}] are unavailable given other options on the command line`);
  }
  return options;
}

export type CheckOutcome = 'run' | 'version';

/**
 * `checkArgs()` and `main`'s action count. Usage errors throw `UsageError` (message, then the help table,
 * exit 1); the reset-offsets WARN, printed halfway through, is handed to `warn`.
 */
export function checkConsumerGroupArgs(options: ParsedOptions, argCount: number, warn: (line: string) => void): CheckOutcome {
  if (argCount === 0 || options.has('help')) throw new UsageError(USAGE_PURPOSE);
  if (options.has('version')) return 'version';
  checkRequiredArgs(options, 'bootstrap-server');

  if (options.has('describe')) {
    if (!options.has('group') && !options.has('all-groups')) {
      throw new UsageError('Option [describe] takes one of these options: [list], [describe], [delete], [reset-offsets]');
    }
    if (['members', 'offsets', 'state'].filter((name) => options.has(name)).length > 1) {
      throw new UsageError('Option [describe] takes at most one of these options: [members], [offsets], [state]');
    }
    if (options.has('state') && options.valueOf('state') !== undefined) throw new UsageError('Option [describe] does not take a value for [state]');
  }

  if (options.has('delete')) {
    if (!options.has('group') && !options.has('all-groups')) throw new UsageError('Option [delete] takes one of these options: [group], [all-groups]');
    if (options.has('topic')) throw new UsageError('The consumer does not support topic-specific offset deletion from a consumer group.');
  }

  if (options.has('delete-offsets') && (!options.has('group') || !options.has('topic'))) {
    throw new UsageError('Option [delete-offsets] takes the following options: [group], [all-groups]');
  }

  if (options.has('reset-offsets')) {
    if (options.has('dry-run') && options.has('execute')) throw new UsageError('Option [reset-offsets] only accepts one of [execute] and [dry-run]');
    if (!options.has('dry-run') && !options.has('execute')) {
      warn(
        'WARN: No action will be performed as the --execute option is missing.' +
          'In a future major release, the default behavior of this command will be to prompt the user before ' +
          'executing the reset rather than doing a dry run. You should add the --dry-run option explicitly ' +
          'if you are scripting this command and want to keep the current default behavior without prompting.',
      );
    }
    if (!options.has('group') && !options.has('all-groups')) throw new UsageError('Option [reset-offsets] takes one of these options: [group], [all-groups]');
    for (const scenario of RESET_SCENARIOS) {
      checkInvalidArgs(options, scenario, RESET_SCENARIOS.filter((other) => other !== scenario));
    }
  }

  checkInvalidArgs(options, 'group', ['all-groups']);
  checkInvalidArgs(options, 'group', ['list']);
  checkInvalidArgs(options, 'topic', ['list', 'describe']);

  if (ACTIONS.filter((action) => options.has(action)).length !== 1) {
    throw new UsageError('Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets');
  }
  return 'run';
}

/** The one action present (after `checkConsumerGroupArgs`). */
export function actionOf(options: ParsedOptions): ConsumerGroupAction {
  const action = ACTIONS.find((name) => options.has(name));
  if (!action) throw new Error('no action: checkConsumerGroupArgs lets no such command through');
  return action;
}
