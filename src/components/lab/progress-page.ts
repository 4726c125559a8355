/**
 * The progress page's script: fills every lab's steps from `GET /api/progress` and refreshes when a
 * lab is checked, hinted, skipped or reset in another tab (over `/api/events`). While the server is
 * gone it says so and keeps trying.
 */
import { required } from './dom.ts';
import { openEventStream } from './event-stream.ts';
import { ApiFailure, ServerUnreachable, getJson, type ProgressView } from './lab-api.ts';
import { ServerBanner } from './server-banner.ts';
import { readUiStrings, type UiStrings } from './ui-strings.ts';

export function startProgressPage(page: HTMLElement): void {
  const strings = readUiStrings(page);
  const banner = new ServerBanner(required(page, '[data-server-banner]'), strings);
  let loading = false;

  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      render(page, await getJson<ProgressView>('/api/progress'), strings);
      page.dataset.loaded = 'true';
    } catch (error) {
      if (error instanceof ServerUnreachable) banner.show();
      else if (error instanceof ApiFailure) for (const summary of page.querySelectorAll('[data-progress-summary]')) summary.textContent = error.text;
    } finally {
      loading = false;
    }
  };

  openEventStream(
    {
      message(message) {
        if (message.type === 'lab-check' || message.type === 'lab-progress') void load();
      },
      connection(connected, retryInMs) {
        if (!connected) return banner.show(retryInMs);
        banner.hide();
        void load();
      },
    },
    // The page needs no cluster status; a slow refresh keeps the socket honest.
    30_000,
  );
  void load();
}

function render(page: HTMLElement, progress: ProgressView, strings: UiStrings): void {
  const when = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
  // A lab this server does not run (a newer site than server) keeps its dashes, without "loading".
  for (const section of page.querySelectorAll<HTMLElement>('[data-progress-lab]')) {
    if (!progress.labs.some((lab) => lab.id === section.dataset.progressLab)) required(section, '[data-progress-summary]').textContent = strings.text('kafkalab.progress.unknown');
  }
  for (const lab of progress.labs) {
    const section = page.querySelector<HTMLElement>(`[data-progress-lab="${CSS.escape(lab.id)}"]`);
    if (!section) continue;
    const done = lab.steps.filter((step) => step.state === 'passed' || step.state === 'skipped').length;
    section.dataset.completed = String(lab.completed);
    required(section, '[data-progress-summary]').textContent = lab.completed
      ? strings.text('kafkalab.progress.complete')
      : strings.text('kafkalab.progress.summary', { done, total: lab.steps.length });
    for (const step of lab.steps) {
      const row = section.querySelector<HTMLElement>(`[data-progress-step="${CSS.escape(step.id)}"]`);
      if (!row) continue;
      row.dataset.state = step.state;
      const badge = required(row, '[data-cell="state"] .progress-badge');
      badge.textContent = strings.text(`kafkalab.labPage.state.${step.state}`);
      required(row, '[data-cell="hints"]').textContent = String(step.hintsUsed);
      required(row, '[data-cell="checks"]').textContent = step.checks.total ? strings.text('kafkalab.progress.checksValue', { passed: step.checks.passed, total: step.checks.total }) : strings.text('kafkalab.progress.unknown');
      const at = step.passedAt ?? step.skippedAt;
      required(row, '[data-cell="when"]').textContent = at === undefined ? strings.text('kafkalab.progress.unknown') : when.format(new Date(at));
    }
  }
}
