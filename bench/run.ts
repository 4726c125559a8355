/**
 * `npm run bench`: runs every benchmark in this folder (`*.bench.ts`), each in a fresh Node process
 * so that one benchmark's memory does not show up in the next one's figures, and prints their
 * figures. Benchmarks report numbers; they never fail on a target. `npm run bench -- kafka` runs
 * only the files whose names contain "kafka".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ['--no-warnings', join(import.meta.dirname, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`(${file} exited with ${result.status ?? result.signal})`);
  }
}
process.exit(failed ? 1 : 0);
