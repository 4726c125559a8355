/**
 * What each learner did to the cluster on the page (up, down, a node stopped or killed), newest last,
 * for checks that grade how the learner got somewhere ("you killed the controller"), as
 * `LabContext.activity`. In memory and bounded: activity is evidence for the current attempt, not progress.
 */
import type { LabActivity } from '../../labs/lab-context.ts';

const KEPT_PER_LEARNER = 500;

export class ActivityLog {
  readonly #byLearner = new Map<string, LabActivity[]>();

  record(learner: string, activity: LabActivity): void {
    const entries = this.#byLearner.get(learner) ?? [];
    entries.push(activity);
    if (entries.length > KEPT_PER_LEARNER) entries.splice(0, entries.length - KEPT_PER_LEARNER);
    this.#byLearner.set(learner, entries);
  }

  /** The learner's activity at or after `at` (ms since the epoch), oldest first. */
  since(learner: string, at = 0): LabActivity[] {
    return (this.#byLearner.get(learner) ?? []).filter((entry) => entry.at >= at);
  }
}
