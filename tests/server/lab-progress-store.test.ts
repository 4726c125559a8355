import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepResult } from '../../src/labs/grade.ts';
import { dataDir } from '../../src/server/labs/data-dir.ts';
import { progressMigrations } from '../../src/server/labs/progress-migrations.ts';
import { PROGRESS_FILE, ProgressStore } from '../../src/server/labs/progress-store.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-progress-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const attempt = (id: string, passed: boolean[]): StepResult => ({
  id,
  passed: passed.every(Boolean),
  checks: passed.map((ok, i) => ({ id: `check-${i + 1}`, kind: 'check', passed: ok, saw: ok ? 'as wanted' : 'not yet', expected: 'as wanted', durationMs: 12.4 })),
});

describe('progress store', () => {
  it('creates its schema by ordered migrations, in WAL mode, and reopens without migrating again', () => {
    const dir = tempDir();
    const store = ProgressStore.open(join(dir, 'nested'));
    expect(store.schemaVersion).toBe(progressMigrations.length);
    store.close();
    const db = new DatabaseSync(join(dir, 'nested', PROGRESS_FILE));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((row) => row.name);
    expect(tables).toEqual(['check_results', 'lab_notes', 'step_progress']);
    db.close();
    const again = ProgressStore.open(join(dir, 'nested'));
    expect(again.schemaVersion).toBe(progressMigrations.length);
    again.close();
  });

  it('migrates a version 1 database to the current schema, keeping its progress', () => {
    const dir = tempDir();
    const db = new DatabaseSync(join(dir, PROGRESS_FILE));
    db.exec(progressMigrations[0]);
    db.exec('PRAGMA user_version = 1');
    db.prepare("INSERT INTO step_progress (learner, lab, step, state, passed_at, hints_used) VALUES ('local', 'cluster-up', 'bring-up', 'passed', 5, 1)").run();
    db.close();
    const store = ProgressStore.open(dir);
    expect(store.schemaVersion).toBe(progressMigrations.length);
    expect(store.labProgress('local', 'cluster-up').get('bring-up')).toMatchObject({ state: 'passed', passedAt: 5, hintsUsed: 1 });
    store.setNote('local', 'cluster-up', 'controller', '2');
    expect(store.notes('local', 'cluster-up')).toEqual(new Map([['controller', '2']]));
    store.close();
  });

  it('refuses a database written by a newer kafkalab, saying what to do', () => {
    const dir = tempDir();
    const db = new DatabaseSync(join(dir, PROGRESS_FILE));
    db.exec('PRAGMA user_version = 99');
    db.close();
    expect(() => ProgressStore.open(dir)).toThrowError(expect.objectContaining({ message: expect.stringMatching(/schema version 99/), hint: expect.stringMatching(/KAFKALAB_DATA_DIR/) }));
  });

  it('records attempts with partial credit, hints, skips and passes per learner, lab and step; a reset clears one lab', () => {
    const store = new ProgressStore(':memory:');
    store.recordAttempt('local', 'lab-a', attempt('one', [true, false, false]), 1_000);
    expect(store.labProgress('local', 'lab-a').get('one')).toMatchObject({ state: null, attempts: 1, checksPassed: 1, checksTotal: 3, lastCheckedAt: 1_000 });
    expect(store.labProgress('local', 'lab-a').get('one')?.lastResult?.checks.map((check) => [check.id, check.passed, check.durationMs])).toEqual([
      ['check-1', true, 12],
      ['check-2', false, 12],
      ['check-3', false, 12],
    ]);

    expect(store.unlockHint('local', 'lab-a', 'one', 2)).toBe(1);
    expect(store.unlockHint('local', 'lab-a', 'one', 2)).toBe(2);
    expect(store.unlockHint('local', 'lab-a', 'one', 2)).toBeUndefined();

    store.recordAttempt('local', 'lab-a', attempt('one', [true, true, true]), 2_000);
    expect(store.labProgress('local', 'lab-a').get('one')).toMatchObject({ state: 'passed', passedAt: 2_000, attempts: 2, checksPassed: 3, hintsUsed: 2 });

    store.recordAttempt('local', 'lab-a', attempt('two', [false]), 3_000);
    store.recordSkip('local', 'lab-a', 'two', 3_500);
    expect(store.labProgress('local', 'lab-a').get('two')).toMatchObject({ state: 'skipped', skippedAt: 3_500, checksPassed: 0, checksTotal: 1 });
    expect(store.labProgress('local', 'lab-a').get('two')?.passedAt).toBeUndefined();

    store.setNote('local', 'lab-a', 'k', 'v1');
    store.setNote('local', 'lab-a', 'k', 'v2');
    expect(store.notes('local', 'lab-a').get('k')).toBe('v2');
    store.recordAttempt('other', 'lab-a', attempt('one', [false]), 4_000);
    store.recordAttempt('local', 'lab-b', attempt('one', [false]), 4_000);
    store.clearLab('local', 'lab-a');
    expect(store.labProgress('local', 'lab-a').size).toBe(0);
    expect(store.labProgress('other', 'lab-a').get('one')?.attempts).toBe(1);
    expect(store.labProgress('local', 'lab-b').get('one')?.attempts).toBe(1);
    store.close();
  });

  it('keeps timed-out checks and check hints', () => {
    const store = new ProgressStore(':memory:');
    store.recordAttempt('local', 'lab', { id: 'one', passed: false, checks: [{ id: 'slow', kind: 'check', passed: false, timedOut: true, saw: 's', expected: 'e', hint: 'h', durationMs: 300 }] });
    expect(store.labProgress('local', 'lab').get('one')?.lastResult?.checks[0]).toEqual({ id: 'slow', kind: 'check', passed: false, timedOut: true, saw: 's', expected: 'e', hint: 'h', durationMs: 300 });
    store.close();
  });
});

describe('data dir', () => {
  it('is KAFKALAB_DATA_DIR when set, else the platform’s per-user data directory', () => {
    expect(dataDir({ env: { KAFKALAB_DATA_DIR: '/srv/kafkalab' }, platform: 'linux', home: '/home/ann' })).toBe('/srv/kafkalab');
    expect(dataDir({ env: {}, platform: 'linux', home: '/home/ann' })).toBe('/home/ann/.local/share/kafkalab');
    expect(dataDir({ env: { XDG_DATA_HOME: '/data/ann' }, platform: 'linux', home: '/home/ann' })).toBe('/data/ann/kafkalab');
    expect(dataDir({ env: { XDG_DATA_HOME: 'relative' }, platform: 'linux', home: '/home/ann' })).toBe('/home/ann/.local/share/kafkalab');
    expect(dataDir({ env: {}, platform: 'darwin', home: '/Users/ann' })).toBe('/Users/ann/Library/Application Support/kafkalab');
    expect(dataDir({ env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\ann' })).toBe('C:\\Users\\ann\\AppData\\Roaming\\kafkalab');
  });
});
