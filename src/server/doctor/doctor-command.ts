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

const usage = `Usage: kafkalab doctor [--json] [--without SERVICE]... [--runtime docker|embedded]
  Which container engine answers (or every place tried, and why not), the memory of this machine and of
  the engine, the images docker-compose.yml needs and whether the engine has them, kafkalab's own image
  tags, and which runtime \`kafkalab start\` will use (with the same --without and --runtime).
  --json prints the same as JSON.`;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      without: { type: 'string', multiple: true, default: [] },
      runtime: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const forced = values.runtime;
  if (forced !== undefined && !RUNTIMES.includes(forced as RuntimeKind)) {
    throw new ApiError('bad_request', 400, `unknown runtime "${forced}"`, `Use --runtime ${RUNTIMES.join(' or --runtime ')}.`);
  }
  const without = values.without.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean);
  const report = await doctorReport({ without, forced: forced as RuntimeKind | undefined });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : doctorText(report));
}
