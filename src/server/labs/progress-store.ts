/**
 * The learners' lab progress in SQLite (`node:sqlite`, built into Node): per learner, lab and step its
 * state (passed or skipped, and when), hints used, attempts and partial credit (checks passed / total of
 * the last attempt), per check its last result, and the lab session's notes. WAL and `synchronous = FULL`: an answered request
 * is on disk before the answer leaves, so a `kill -9` (or a power cut) loses none of it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CheckResult, StepResult } from '../../labs/grade.ts';
import { ApiError } from '../http-error.ts';
import { progressMigrations } from './progress-migrations.ts';

export const PROGRESS_FILE = 'progress.sqlite';

export type RecordedStepState = 'passed' | 'skipped';

export interface StepProgress {
  step: string;
  state: RecordedStepState | null;
  passedAt?: number;
  skippedAt?: number;
  hintsUsed: number;
  attempts: number;
  /** The last attempt's score. */
  checksPassed: number;
  checksTotal: number;
  lastCheckedAt?: number;
  /** The last attempt's check results, in the step's order. */
  lastResult?: StepResult;
}

interface StepRow {
  step: string;
  state: RecordedStepState | null;
  passed_at: number | null;
  skipped_at: number | null;
  hints_used: number;
  attempts: number;
  checks_passed: number;
  checks_total: number;
  last_checked_at: number | null;
}

interface CheckRow {
  step: string;
  check_id: string;
  kind: CheckResult['kind'];
  passed: number;
  saw: string;
  expected: string;
  hint: string | null;
  timed_out: number;
  duration_ms: number;
}

export class ProgressStore {
  readonly path: string;
  readonly #db: DatabaseSync;

  /** The store in `dir` (created when missing), file `progress.sqlite`. */
  static open(dir: string): ProgressStore {
    mkdirSync(dir, { recursive: true });
    return new ProgressStore(join(dir, PROGRESS_FILE));
  }

  /** `path` may be `:memory:` (tests). */
  constructor(path: string) {
    this.path = path;
    this.#db = new DatabaseSync(path);
    try {
      this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
      this.#migrate();
    } catch (error) {
      this.#db.close();
      throw error;
    }
  }

  /** The schema version (`PRAGMA user_version`). */
  get schemaVersion(): number {
    return (this.#db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  }

  /** Every recorded step of `lab`, by step id. */
  labProgress(learner: string, lab: string): Map<string, StepProgress> {
    const steps = this.#db.prepare('SELECT * FROM step_progress WHERE learner = ? AND lab = ?').all(learner, lab) as unknown as StepRow[];
    const checks = this.#db.prepare('SELECT * FROM check_results WHERE learner = ? AND lab = ? ORDER BY step, position').all(learner, lab) as unknown as CheckRow[];
    const progress = new Map<string, StepProgress>();
    for (const row of steps) {
      const results = checks.filter((check) => check.step === row.step).map(toCheckResult);
      progress.set(row.step, {
        step: row.step,
        state: row.state,
        ...(row.passed_at !== null ? { passedAt: row.passed_at } : {}),
        ...(row.skipped_at !== null ? { skippedAt: row.skipped_at } : {}),
        hintsUsed: row.hints_used,
        attempts: row.attempts,
        checksPassed: row.checks_passed,
        checksTotal: row.checks_total,
        ...(row.last_checked_at !== null ? { lastCheckedAt: row.last_checked_at } : {}),
        ...(row.attempts > 0 ? { lastResult: { id: row.step, passed: results.length > 0 && results.every((check) => check.passed), checks: results } } : {}),
      });
    }
    return progress;
  }

  /** One graded attempt at a step: its score and check results; the step becomes passed when it passed. */
  recordAttempt(learner: string, lab: string, result: StepResult, at = Date.now()): void {
    const passed = result.checks.filter((check) => check.passed).length;
    this.#transaction(() => {
      this.#ensureStep(learner, lab, result.id);
      this.#db
        .prepare(
          `UPDATE step_progress SET attempts = attempts + 1, checks_passed = ?, checks_total = ?, last_checked_at = ?,
             state = CASE WHEN ? THEN 'passed' ELSE state END, passed_at = CASE WHEN ? THEN ? ELSE passed_at END
           WHERE learner = ? AND lab = ? AND step = ?`,
        )
        .run(passed, result.checks.length, at, result.passed ? 1 : 0, result.passed ? 1 : 0, at, learner, lab, result.id);
      this.#db.prepare('DELETE FROM check_results WHERE learner = ? AND lab = ? AND step = ?').run(learner, lab, result.id);
      const insert = this.#db.prepare(
        `INSERT INTO check_results (learner, lab, step, check_id, position, kind, passed, saw, expected, hint, timed_out, duration_ms, checked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      result.checks.forEach((check, position) => {
        insert.run(learner, lab, result.id, check.id, position, check.kind, check.passed ? 1 : 0, check.saw, check.expected, check.hint ?? null, check.timedOut ? 1 : 0, Math.round(check.durationMs), at);
      });
    });
  }

  /** Unlocks the step's next hint: the number now unlocked, or undefined when all `total` already are. */
  unlockHint(learner: string, lab: string, step: string, total: number): number | undefined {
    return this.#transaction(() => {
      this.#ensureStep(learner, lab, step);
      const changed = this.#db
        .prepare('UPDATE step_progress SET hints_used = hints_used + 1 WHERE learner = ? AND lab = ? AND step = ? AND hints_used < ?')
        .run(learner, lab, step, total).changes;
      if (Number(changed) === 0) return undefined;
      return (this.#db.prepare('SELECT hints_used FROM step_progress WHERE learner = ? AND lab = ? AND step = ?').get(learner, lab, step) as { hints_used: number }).hints_used;
    });
  }

  /** The step was skipped (its reference solution ran): done, but not passed. */
  recordSkip(learner: string, lab: string, step: string, at = Date.now()): void {
    this.#transaction(() => {
      this.#ensureStep(learner, lab, step);
      this.#db.prepare("UPDATE step_progress SET state = 'skipped', skipped_at = ? WHERE learner = ? AND lab = ? AND step = ?").run(at, learner, lab, step);
    });
  }

  /** Forgets the learner's progress in `lab` (a reset). */
  clearLab(learner: string, lab: string): void {
    this.#transaction(() => {
      this.#db.prepare('DELETE FROM check_results WHERE learner = ? AND lab = ?').run(learner, lab);
      this.#db.prepare('DELETE FROM step_progress WHERE learner = ? AND lab = ?').run(learner, lab);
    });
  }

  /** The lab session's notes (`LabContext.notes`). */
  notes(learner: string, lab: string): Map<string, string> {
    const rows = this.#db.prepare('SELECT key, value FROM lab_notes WHERE learner = ? AND lab = ?').all(learner, lab) as unknown as Array<{ key: string; value: string }>;
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  setNote(learner: string, lab: string, key: string, value: string): void {
    this.#db.prepare('INSERT INTO lab_notes (learner, lab, key, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value').run(learner, lab, key, value);
  }

  deleteNote(learner: string, lab: string, key: string): void {
    this.#db.prepare('DELETE FROM lab_notes WHERE learner = ? AND lab = ? AND key = ?').run(learner, lab, key);
  }

  clearNotes(learner: string, lab: string): void {
    this.#db.prepare('DELETE FROM lab_notes WHERE learner = ? AND lab = ?').run(learner, lab);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #ensureStep(learner: string, lab: string, step: string): void {
    this.#db.prepare('INSERT OR IGNORE INTO step_progress (learner, lab, step) VALUES (?, ?, ?)').run(learner, lab, step);
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  #migrate(): void {
    const version = this.schemaVersion;
    if (version > progressMigrations.length) {
      throw new ApiError(
        'internal',
        500,
        `The progress database ${this.path} has schema version ${version}; this kafkalab knows versions up to ${progressMigrations.length}.`,
        'A newer kafkalab wrote it: run that version, or point KAFKALAB_DATA_DIR at another directory.',
      );
    }
    for (let next = version + 1; next <= progressMigrations.length; next++) {
      this.#transaction(() => {
        this.#db.exec(progressMigrations[next - 1]);
        this.#db.exec(`PRAGMA user_version = ${next}`);
      });
    }
  }
}

function toCheckResult(row: CheckRow): CheckResult {
  return {
    id: row.check_id,
    kind: row.kind,
    passed: row.passed === 1,
    saw: row.saw,
    expected: row.expected,
    ...(row.hint !== null ? { hint: row.hint } : {}),
    ...(row.timed_out === 1 ? { timedOut: true } : {}),
    durationMs: row.duration_ms,
  };
}
