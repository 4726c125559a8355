/**
 * `npm run bench`: runs every benchmark in this folder (`*.bench.ts`, each exporting `main()`), one
 * after another, and prints their figures. Benchmarks report numbers; they never fail on a target.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort();

for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { main?: () => Promise<void> };
  if (typeof module.main !== 'function') {
    console.log(`(skipped: ${file} exports no main())`);
    continue;
  }
  await module.main();
}
process.exit(0);
