/**
 * What `--describe` and `--alter` work with: the command's context and options, the admin client, and
 * `get`, which waits for an admin call the way ConfigCommand waits for a Java future: a failed call is
 * an `ExecutionException` wrapping the call's exception, and `get(timeout)` running out first is a bare
 * `java.util.concurrent.TimeoutException`; both print as stack traces with the frames of `site`.
 */
import type { CommandContext } from '../../command.ts';
import { interruptible } from '../interruption.ts';
import { AdminCallError } from './config-admin-client.ts';
import type { ConfigAdminClient } from './config-admin-client.ts';
import { ConfigCommandFailure } from './config-command-errors.ts';
import type { ConfigCommandOptions } from './config-command-options.ts';
import { executionException, futureTimeout } from '../kafka/kafka-future-get.ts';

export interface ConfigCommandSession {
  readonly context: CommandContext;
  readonly opts: ConfigCommandOptions;
  readonly admin: ConfigAdminClient;
}

const TIMED_OUT = Symbol('timed out');

/** `future.get()` (no `timeoutMs`) or `future.get(timeoutMs, MILLISECONDS)` of an admin call. */
export async function futureGet<T>(session: ConfigCommandSession, call: Promise<T>, site: readonly string[], timeoutMs?: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = timeoutMs === undefined ? undefined : new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)));
  try {
    const result = await interruptible<T | typeof TIMED_OUT>(timedOut ? Promise.race([call, timedOut]) : call, session.context.signal);
    if (result === TIMED_OUT) {
      call.catch(() => undefined);
      throw new ConfigCommandFailure(futureTimeout(site));
    }
    return result;
  } catch (error) {
    if (!(error instanceof AdminCallError)) throw error;
    throw new ConfigCommandFailure(executionException(error.throwable, site, timeoutMs !== undefined));
  } finally {
    clearTimeout(timer);
  }
}
