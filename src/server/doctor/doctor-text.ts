/** `kafkalab doctor`'s report as text, one section per question. */
import { formatBytes } from '../images/format-bytes.ts';
import type { DoctorReport } from './doctor-report.ts';

export function doctorText(report: DoctorReport): string {
  const lines: string[] = [];
  lines.push('Container engine');
  if (report.engine) {
    const { name, version, apiVersion, endpoint, source } = report.engine;
    lines.push(`  ${name} ${version} (Docker API ${apiVersion}) at ${endpoint} (found via ${source})`);
  } else {
    lines.push('  no engine answered. Tried:');
  }
  if (report.tried.length > 0) {
    if (report.engine) lines.push('  before it, tried:');
    const width = Math.max(...report.tried.map((t) => t.source.length));
    for (const tried of report.tried) lines.push(`    ${tried.source.padEnd(width)}  ${tried.endpoint}: ${tried.error}`);
  }
  if (!report.engine) lines.push('  Start Docker or podman (podman system service), or set DOCKER_HOST to its socket.');

  lines.push('', 'Memory');
  lines.push(`  this machine: ${formatBytes(report.memory.host.freeBytes, 'GB')} free of ${formatBytes(report.memory.host.totalBytes, 'GB')}`);
  if (report.memory.engine) lines.push(`  engine:       ${formatBytes(report.memory.engine.totalBytes, 'GB')} in total`);

  lines.push('', `Images docker-compose.yml needs${report.stack.without.length ? ` (without ${report.stack.without.join(', ')})` : ''}`);
  if (report.stack.error) lines.push(`  cannot tell: ${report.stack.error}`);
  const state = (present: boolean | null) => (present === null ? 'unknown' : present ? 'present' : 'missing');
  const nameWidth = Math.max(0, ...report.stack.images.map((image) => image.name.length));
  for (const image of report.stack.images) {
    lines.push(`  ${state(image.present).padEnd(7)}  ${image.name.padEnd(nameWidth)}  ${image.services.join(', ')}${image.fix ? `  → ${image.fix}` : ''}`);
  }

  lines.push('', "kafkalab's own images (kafkalab images build; use them with these variables)");
  for (const image of report.courseImages) {
    lines.push(`  ${state(image.present).padEnd(7)}  ${image.variable}=${image.tag}`);
    const others = image.otherBuilds;
    if (others.length > 0) {
      const shown = others.slice(0, 3).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
      lines.push(`           other builds present (older sources or another KAFKALAB_IMAGE_BASE): ${shown}`);
    }
  }

  lines.push('', 'Runtime');
  lines.push(`  kafkalab start will use: ${report.runtime.kind} (${report.runtime.reason})`);
  return `${lines.join('\n')}\n`;
}
