/** The lab API's refusals, each saying what is wrong and what to do instead. */
import { ApiError } from '../http-error.ts';

export function unknownLab(id: string, known: readonly string[]): ApiError {
  return new ApiError('unknown_lab', 404, `There is no lab called "${id}".`, `Known labs: ${known.join(', ') || 'none'} (GET /api/labs lists them).`);
}

export function unknownStep(lab: string, step: string, known: readonly string[]): ApiError {
  return new ApiError('unknown_step', 404, `Lab "${lab}" has no step called "${step}".`, `Its steps: ${known.join(', ')}.`);
}

export function noMoreHints(lab: string, step: string, total: number): ApiError {
  return new ApiError(
    'no_more_hints',
    409,
    total === 0 ? `Step "${step}" of lab "${lab}" has no hints.` : `Every hint of step "${step}" of lab "${lab}" is shown already (${total} of ${total}).`,
    `Still stuck? Skip the step: POST /api/labs/${lab}/steps/${step}/skip runs its reference solution.`,
  );
}

export function stepNotCurrent(lab: string, step: string, current: string | null): ApiError {
  return new ApiError(
    'step_not_current',
    409,
    current === null ? `Lab "${lab}" is complete: there is no step left to skip.` : `Only the current step can be skipped; step "${step}" is not it (the current step is "${current}").`,
    current === null ? `Reset the lab to do it again: POST /api/labs/${lab}/reset.` : `Skip the current step: POST /api/labs/${lab}/steps/${current}/skip.`,
  );
}

export function solutionFailed(lab: string, step: string, reason: string): ApiError {
  return new ApiError(
    'solution_failed',
    409,
    `The reference solution of step "${step}" of lab "${lab}" could not run: ${reason}.`,
    `Bring the cluster up and try again, or reset the lab: POST /api/labs/${lab}/reset.`,
  );
}

export function resetFailed(lab: string, reason: string): ApiError {
  return new ApiError('reset_failed', 409, `Lab "${lab}" could not be reset: ${reason}.`, 'Try again; if it keeps failing, tear the cluster down (POST /api/cluster/down) and reset again.');
}
