/**
 * `kafkalab doctor [--json] [--without SERVICE]... [--runtime docker|embedded]`: what kafkalab finds on
 * this machine and what `kafkalab start` would do with it. Always exits 0: it reports, it does not judge.
 */
import { parseArgs } from 'node:util';
import { ApiError } from '../http-error.ts';
import type { RuntimeKind } from '../runtime/cluster-runtime.ts';
import { doctorReport } from './doctor-report.ts';
import { doctorText } from './doctor-text.ts';

const RUNTIMES: readonly RuntimeKind[] = ['embedded', 'docker'];

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      without: { type: 'string', multiple: true, default: [] },
      runtime: { type: 'string' },
    },
  });
  const forced = values.runtime;
  if (forced !== undefined && !RUNTIMES.includes(forced as RuntimeKind)) {
    throw new ApiError('bad_request', 400, `unknown runtime "${forced}"`, `Use --runtime ${RUNTIMES.join(' or --runtime ')}.`);
  }
  const without = values.without.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean);
  const report = await doctorReport({ without, forced: forced as RuntimeKind | undefined });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : doctorText(report));
}
