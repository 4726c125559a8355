/**
 * The two time arguments of `--reset-offsets`, parsed as Kafka 3.9 parses them:
 *
 * - `--to-datetime`: `Utils.getDateTime`: an ISO 8601 local date-time with milliseconds
 *   (`2024-01-31T10:00:00.000`), UTC unless it ends with a zone (`Z`, `+01:00`, `+01`); strict
 *   `SimpleDateFormat` (fields in range), which accepts trailing text after a complete date.
 * - `--by-duration`: `java.time.Duration.parse` (`PnDTnHnMn.nS`, signs allowed, case-insensitive).
 *
 * Failures are Java's exceptions with their messages (`java.text.ParseException: Unparseable date: "..."`,
 * `java.time.format.DateTimeParseException: Text cannot be parsed to a Duration`).
 */
import { JavaException } from '../kafka/java-exception.ts';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})(Z|[+-]\d{2}:\d{2}|[+-]\d{2})/i;

/** Milliseconds since the epoch for `--to-datetime`. */
export function parseKafkaDateTime(text: string): number {
  const parts = text.split('T');
  if (parts.length < 2 || parts.every((part, index) => index === 0 || part === '')) {
    throw new JavaException('java.text.ParseException', "Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
  }
  const timestamp = /[+\-Z]/.test(parts[1]) ? text : `${text}Z`;
  const unparseable = () => new JavaException('java.text.ParseException', `Unparseable date: "${timestamp}"`);
  const match = DATE_TIME.exec(timestamp);
  if (!match) throw unparseable();
  const [year, month, day, hour, minute, second, millis] = match.slice(1, 8).map(Number);
  const zone = match[8].toUpperCase();
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) throw unparseable();
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [hours, minutes = '0'] = zone.slice(1).split(':');
    if (Number(hours) > 23 || Number(minutes) > 59) throw unparseable();
    offsetMinutes = sign * (Number(hours) * 60 + Number(minutes));
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  return utc.getTime() - offsetMinutes * 60_000;
}

const DURATION = /^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$/i;

/** `Duration.parse(text)` in milliseconds (fractions below a millisecond dropped). */
export function parseJavaDuration(text: string): number {
  const match = DURATION.exec(text);
  const fail = () => new JavaException('java.time.format.DateTimeParseException', 'Text cannot be parsed to a Duration');
  if (!match || match[3]?.toUpperCase() === 'T' || (match[2] === undefined && match[4] === undefined && match[5] === undefined && match[6] === undefined)) {
    throw fail();
  }
  const number = (value: string | undefined) => (value === undefined ? 0 : Number(value));
  const secondsSign = match[6]?.startsWith('-') ? -1 : 1;
  const fraction = match[7] ? secondsSign * Math.trunc(Number(match[7].padEnd(9, '0')) / 1_000_000) : 0;
  const millis = number(match[2]) * 86_400_000 + number(match[4]) * 3_600_000 + number(match[5]) * 60_000 + number(match[6]) * 1000 + fraction;
  return match[1] === '-' ? -millis : millis;
}
