/**
 * The progress database's schema, as ordered migrations: migration N brings a database at
 * `PRAGMA user_version` N-1 to N. Never edit a released migration; append one.
 */
export const progressMigrations: readonly string[] = [
  // 1: per learner, lab and step: its state, when, hints used, attempts and the last attempt's score;
  //    per check: its last result.
  `
  CREATE TABLE step_progress (
    learner TEXT NOT NULL,
    lab TEXT NOT NULL,
    step TEXT NOT NULL,
    state TEXT CHECK (state IN ('passed', 'skipped')),
    passed_at INTEGER,
    skipped_at INTEGER,
    hints_used INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    checks_passed INTEGER NOT NULL DEFAULT 0,
    checks_total INTEGER NOT NULL DEFAULT 0,
    last_checked_at INTEGER,
    PRIMARY KEY (learner, lab, step)
  ) WITHOUT ROWID;
  CREATE TABLE check_results (
    learner TEXT NOT NULL,
    lab TEXT NOT NULL,
    step TEXT NOT NULL,
    check_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('check', 'question')),
    passed INTEGER NOT NULL,
    saw TEXT NOT NULL,
    expected TEXT NOT NULL,
    hint TEXT,
    timed_out INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL,
    checked_at INTEGER NOT NULL,
    PRIMARY KEY (learner, lab, step, check_id)
  ) WITHOUT ROWID;
  `,
  // 2: what a lab remembers between checks of a learner's session (LabNotes), kept across restarts.
  `
  CREATE TABLE lab_notes (
    learner TEXT NOT NULL,
    lab TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (learner, lab, key)
  ) WITHOUT ROWID;
  `,
];
