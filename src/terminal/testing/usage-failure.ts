/**
 * What a Kafka tool's `printUsageAndExit` leaves, as a test expects it: the message, a newline and the
 * help table on stderr, nothing on stdout, exit status 1, no topic touched.
 */
import type { CommandRun } from './run-command.ts';

export function usageFailure(message: string, helpTable: string): CommandRun {
  return { exitCode: 1, stdout: '', stderr: `${message}\n${helpTable}`, topics: [] };
}
