/**
 * `kafka-consumer-groups` (Kafka 3.9's `org.apache.kafka.tools.consumer.group.ConsumerGroupCommand`):
 * `--list`, `--describe` (offsets, `--members [--verbose]`, `--state`), `--delete`, `--reset-offsets`,
 * `--delete-offsets`, over the admin protocol.
 *
 * How it fails, as the Java tool does: a jopt parse error escapes `main` as a Java exception (exit 1); the
 * usage checks print their message and the help table on stderr (exit 1); a failed admin call prints
 * `\nError: Executing consumer group command failed due to ...` on stdout and the stack trace on stderr,
 * and still exits 0. Ctrl-C ends it silently with 130 (the tool has no shutdown hook).
 */
import type { Command, CommandContext } from '../../command.ts';
import { kafkaToolAliases } from '../../shell/command-registry.ts';
import { InterruptedError } from '../interruption.ts';
import { JavaException, thrownAt } from '../kafka/java-exception.ts';
import { loadOptionalProps } from '../kafka/java-properties.ts';
import { uncaughtExceptionText } from '../kafka/java-stack-trace.ts';
import { UsageError, usageText } from '../options/command-line-utils.ts';
import { OptionException, type ParsedOptions } from '../options/option-parser.ts';
import { actionOf, checkConsumerGroupArgs, CONSUMER_GROUP_OPTIONS, parseConsumerGroupOptions } from './consumer-group-options.ts';
import { ConsumerGroupService, runtimeException } from './consumer-group-service.ts';
import { deleteGroups } from './delete-groups.ts';
import { deleteOffsets } from './delete-offsets.ts';
import { collectGroupsOffsets, printOffsets } from './describe-offsets.ts';
import { describeMembers } from './describe-members.ts';
import { describeState } from './describe-state.ts';
import { GroupCommandOutput, ToolFailure } from './group-command-output.ts';
import { HELP_TABLE } from './help-table.ts';
import { actionFrames, serviceFrame } from './java-frames.ts';
import { listGroups } from './list-groups.ts';
import { CONSUMER_GROUP_PARSE_FRAMES, uncaughtOptionException } from './option-exception-trace.ts';
import { exportedCsvText, offsetsToResetText, resetOffsets } from './reset-offsets.ts';

const NAME = 'kafka-consumer-groups';

export const kafkaConsumerGroups: Command = {
  name: NAME,
  aliases: kafkaToolAliases(NAME),
  summary: 'List, describe and delete consumer groups, reset their offsets',
  completions: CONSUMER_GROUP_OPTIONS.map((option) => `--${option.name}`),
  run: runConsumerGroups,
};

async function runConsumerGroups(context: CommandContext): Promise<number> {
  const args = context.argv.slice(1);
  const usage = async (message: string) => {
    await context.stderr.write(usageText(message, HELP_TABLE));
    return 1;
  };

  // ConsumerGroupCommandOptions.fromArgs runs before main's try: what it throws is uncaught.
  let options: ParsedOptions;
  const warnings: string[] = [];
  try {
    options = parseConsumerGroupOptions(args);
    const outcome = checkConsumerGroupArgs(options, args.length, (line) => warnings.push(line));
    for (const line of warnings.splice(0)) await context.stderr.write(`${line}\n`);
    if (outcome === 'version') {
      await context.stdout.write(`${context.env.kafkaVersion}\n`);
      return 0;
    }
  } catch (error) {
    for (const line of warnings) await context.stderr.write(`${line}\n`);
    if (error instanceof UsageError) return usage(error.message);
    if (error instanceof OptionException) {
      await context.stderr.write(uncaughtExceptionText(uncaughtOptionException(error, CONSUMER_GROUP_PARSE_FRAMES)));
      return 1;
    }
    throw error;
  }

  const action = actionOf(options);
  const output = new GroupCommandOutput(context);
  const failed = async (failure: ToolFailure) => {
    await output.printError(`Executing consumer group command failed due to ${failure.throwable.message}`, failure.throwable);
    return 0;
  };

  let service: ConsumerGroupService;
  try {
    service = new ConsumerGroupService(context, options, action, await adminConfig(context, options));
  } catch (error) {
    if (error instanceof ToolFailure) return failed(error);
    throw error;
  }
  try {
    await runAction(service);
    return context.signal.aborted ? 130 : 0;
  } catch (error) {
    if (error instanceof InterruptedError || context.signal.aborted) return 130;
    if (error instanceof UsageError) return usage(error.message);
    if (error instanceof ToolFailure) return failed(error);
    if (error instanceof OptionException) {
      return failed(new ToolFailure(thrownAt(error, actionFrames(action))));
    }
    if (error instanceof JavaException) return failed(new ToolFailure(error));
    throw error;
  } finally {
    await service.close();
  }
}

async function runAction(service: ConsumerGroupService): Promise<void> {
  const { options, output } = service;
  switch (service.action) {
    case 'list':
      return listGroups(service);
    case 'describe': {
      const groupIds = await service.groupIds(444, 'describeGroups');
      if (options.has('members')) return describeMembers(service, groupIds);
      if (options.has('state')) return describeState(service, groupIds);
      return printOffsets(service, await collectGroupsOffsets(service, groupIds));
    }
    case 'delete':
      return deleteGroups(service);
    case 'reset-offsets': {
      const offsets = await resetOffsets(service);
      if (options.has('export')) return output.out(exportedCsvText(offsets, options.valuesOf('group').length === 1));
      return output.out(offsetsToResetText(offsets));
    }
    case 'delete-offsets':
      return deleteOffsets(service);
  }
}

/**
 * `--command-config`'s properties (`Utils.loadProps`), read when the service creates its admin client; a
 * missing file fails there (`RuntimeException` around `NoSuchFileException`).
 */
async function adminConfig(context: CommandContext, options: ParsedOptions): Promise<Map<string, string>> {
  const callers = [
    serviceFrame('createAdminClient', 861),
    serviceFrame('<init>', 182),
    'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.run(ConsumerGroupCommand.java:110)',
    'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.main(ConsumerGroupCommand.java:103)',
  ];
  try {
    return await loadOptionalProps(context.env, options.valueOf('command-config'), callers);
  } catch (error) {
    if (!(error instanceof JavaException)) throw error;
    throw new ToolFailure(runtimeException(error, [serviceFrame('<init>', 184), ...callers.slice(-2)]));
  }
}
