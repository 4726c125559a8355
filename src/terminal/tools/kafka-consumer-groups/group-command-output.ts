/**
 * What kafka-consumer-groups prints besides its tables: `printError` (`\nError: <message>` on stdout, the
 * exception's stack trace on stderr), the notes about a group's state, and Java's `%-Ns` padding.
 */
import type { CommandContext } from '../../command.ts';
import { JavaThrowableError, type JavaThrowable } from '../kafka/java-exception.ts';
import { stackTraceText } from '../kafka/java-stack-trace.ts';

/** Thrown where the Java tool throws an exception that `run` prints with `printError` (exit status stays 0). */
export class ToolFailure extends JavaThrowableError {}

export class GroupCommandOutput {
  readonly #context: CommandContext;

  constructor(context: CommandContext) {
    this.#context = context;
  }

  out(text: string): Promise<void> {
    return this.#context.stdout.write(text);
  }

  err(text: string): Promise<void> {
    return this.#context.stderr.write(text);
  }

  /** `printError(msg, e)`: `System.out.println("\nError: " + msg)`, then `e.printStackTrace()`. */
  async printError(message: string, throwable?: JavaThrowable): Promise<void> {
    await this.out(`\nError: ${message}\n`);
    if (throwable) await this.err(stackTraceText(throwable));
  }

  /**
   * `shouldPrintMemberState`: says why a group has nothing (or little) to show and whether to show it:
   * Dead = does not exist (stdout), Empty = no active members (stderr), rebalancing = a warning (stderr).
   */
  async shouldPrintMemberState(groupId: string, state: string | undefined, rows: number | undefined): Promise<boolean> {
    if (rows === undefined) {
      await this.printError(`The consumer group '${groupId}' does not exist.`);
      return false;
    }
    switch (state) {
      case 'Dead':
        await this.printError(`Consumer group '${groupId}' does not exist.`);
        break;
      case 'Empty':
        await this.err(`\nConsumer group '${groupId}' has no active members.\n`);
        break;
      case 'PreparingRebalance':
      case 'CompletingRebalance':
      case 'Assigning':
      case 'Reconciling':
        await this.err(`\nWarning: Consumer group '${groupId}' is rebalancing.\n`);
        break;
      case 'Stable':
        break;
      default:
        throw new ToolFailure({
          javaClass: 'org.apache.kafka.common.KafkaException',
          message: `Expected a valid consumer group state, but found '${state ?? 'Unknown'}'.`,
          frames: [],
        });
    }
    return state !== 'Dead' && rows > 0;
  }
}

/** Java's `%-Ns`: left-aligned, padded with spaces to `width`, never cut. */
export function padRight(value: string | number, width: number): string {
  return String(value).padEnd(width, ' ');
}
