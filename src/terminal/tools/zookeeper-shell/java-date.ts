/**
 * Java's `Date.toString()` (`EEE MMM dd HH:mm:ss zzz yyyy`, e.g. `Mon Nov 11 02:40:12 UTC 2024`), which
 * zookeeper-shell's stat block uses for ctime and mtime, in the tool environment's time zone.
 */
import type { ToolEnvironment } from '../../tool-environment.ts';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function javaDateString(env: ToolEnvironment, at: number): string {
  const offset = env.timezoneOffset(at);
  const local = new Date(at - offset * 60_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${days[local.getUTCDay()]} ${months[local.getUTCMonth()]} ${pad(local.getUTCDate())} ${time} ${zoneName(offset)} ${local.getUTCFullYear()}`;
}

/**
 * `UTC` for a zero offset (the JVM in a container); otherwise Java's name for a zone known only by its
 * offset (`GMT+01:00`): the environment gives the offset, not the zone's id.
 */
function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const east = -offsetMinutes;
  const abs = Math.abs(east);
  return `GMT${east >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
