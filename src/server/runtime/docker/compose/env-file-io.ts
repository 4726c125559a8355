/** The variables `${VAR}` in a compose file sees: the `.env` file beside it (if any), overridden by `env`. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { interpolationEnv } from './env-file.ts';

export function composeInterpolationEnv(composeFile: string, env: Record<string, string | undefined>): Record<string, string | undefined> {
  const envFile = join(dirname(composeFile), '.env');
  return interpolationEnv(existsSync(envFile) ? readFileSync(envFile, 'utf8') : undefined, env);
}
