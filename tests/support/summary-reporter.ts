import type { Reporter, TestCase, TestModule } from 'vitest/node';

/**
 * Prints one line per skipped test, `skipped: <file> > <test name>: <reason>`, then one plain closing
 * line, `vitest: N passed, N failed, N skipped`, that CI tooling can read.
 *
 * The reason is the note of `ctx.skip(note)`, else the `meta.skipReason` of the test or of its nearest
 * suite (tests/support/peers.ts sets it for a missing peer), else "todo" for `it.todo`, else "no reason given".
 *
 * A test that was meant to run but never did because a hook of its suite failed (a `beforeAll`, or the
 * missing-peer gate under CI) counts as failed, not skipped.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    const skips: string[] = [];
    for (const module of testModules) {
      let failedInModule = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed' || blockedByFailedHook(test)) failedInModule++;
        else skips.push(`skipped: ${module.relativeModuleId} > ${test.fullName}: ${skipReason(test)}`);
      }
      // A file whose hooks or imports failed has no failed test of its own: count the file.
      if (module.state() === 'failed' && failedInModule === 0) failedInModule = 1;
      failed += failedInModule;
    }
    const lines = [...skips, `vitest: ${passed} passed, ${failed} failed, ${skips.length} skipped`];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}

/** Collected to run, never attempted, under a suite (or file) that failed: its `beforeAll` threw. */
function blockedByFailedHook(test: TestCase): boolean {
  if (test.result().state !== 'skipped' || test.options.mode !== 'run' || test.attempts().length > 0) return false;
  for (let parent = test.parent; ; parent = parent.parent) {
    if (parent.state() === 'failed') return true;
    if (parent.type === 'module') return false;
  }
}

function skipReason(test: TestCase): string {
  const result = test.result();
  if (result.state === 'skipped' && result.note) return result.note;
  if (test.meta().skipReason) return test.meta().skipReason as string;
  for (let parent = test.parent; ; parent = parent.parent) {
    const reason = parent.meta().skipReason;
    if (reason) return reason;
    if (parent.type === 'module') break;
  }
  if (test.options.mode === 'todo') return 'todo';
  return 'no reason given';
}
