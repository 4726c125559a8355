/**
 * Where kafkalab keeps what must outlive the process (the learner's progress): `KAFKALAB_DATA_DIR` when
 * set, else the platform's per-user data directory:
 * - Linux and others: `$XDG_DATA_HOME/kafkalab`, or `~/.local/share/kafkalab`;
 * - macOS: `~/Library/Application Support/kafkalab`;
 * - Windows: `%APPDATA%\kafkalab`.
 */
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

export interface DataDirEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
}

export function dataDir({ env, platform, home }: DataDirEnvironment = { env: process.env, platform: process.platform, home: homedir() }): string {
  if (env.KAFKALAB_DATA_DIR) return env.KAFKALAB_DATA_DIR;
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'kafkalab');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'kafkalab');
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'kafkalab');
}
