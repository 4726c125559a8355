import type Docker from 'dockerode';
import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';

/**
 * A service's `restart:` as the Engine's RestartPolicy: "no" (the default), "always",
 * "unless-stopped", "on-failure" or "on-failure:N" (at most N restarts).
 */
export function restartPolicy(restart: string | undefined, path: readonly KeyPathSegment[]): Docker.HostRestartPolicy {
  if (restart === undefined || restart === 'no') return { Name: 'no' };
  if (restart === 'always' || restart === 'unless-stopped') return { Name: restart };
  const onFailure = /^on-failure(?::(\d+))?$/.exec(restart);
  if (onFailure) return { Name: 'on-failure', MaximumRetryCount: Number(onFailure[1] ?? 0) };
  throw new ComposeFileError(path, `restart policy ${JSON.stringify(restart)} is not one Compose knows`, 'Use "no", "always", "unless-stopped", "on-failure" or "on-failure:N".');
}
