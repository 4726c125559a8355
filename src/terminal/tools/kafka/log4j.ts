/**
 * Log lines as Kafka's tools print them (tools-log4j.properties: root logger WARN to stderr,
 * pattern `[%d] %p %m (%c)%n`, `%d` = ISO8601 `yyyy-MM-dd HH:mm:ss,SSS` in local time).
 */
import type { ToolEnvironment } from '../../tool-environment.ts';

export type Log4jLevel = 'WARN' | 'ERROR' | 'FATAL';

/** `2024-11-11 02:46:50,786` for `at` in the environment's local time. */
export function log4jTimestamp(env: ToolEnvironment, at = env.now()): string {
  const local = new Date(at - env.timezoneOffset(at) * 60_000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())},${pad(local.getUTCMilliseconds(), 3)}`
  );
}

/** One log line with its newline: `[ts] WARN message (logger)\n`. */
export function log4jLine(env: ToolEnvironment, level: Log4jLevel, message: string, logger: string): string {
  return `[${log4jTimestamp(env)}] ${level} ${message} (${logger})\n`;
}
