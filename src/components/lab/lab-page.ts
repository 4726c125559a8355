/**
 * A lab page's script: the steps on one side, the live cluster on the other, both following
 * `/api/events`. When the server goes away, a banner says so and the page reconnects by itself,
 * then reloads the learner's progress.
 */
import { ClusterPicture } from './cluster-picture.ts';
import { required } from './dom.ts';
import { openEventStream } from './event-stream.ts';
import { LabSteps } from './lab-steps.ts';
import { StepNeeds } from './runtime-step-needs.ts';
import { ServerBanner } from './server-banner.ts';
import { readUiStrings } from './ui-strings.ts';

export function startLabPage(page: HTMLElement): void {
  const lab = page.dataset.lab!;
  const strings = readUiStrings(page);
  const banner = new ServerBanner(required(page, '[data-server-banner]'), strings);
  const picture = new ClusterPicture(required(page, '[data-cluster-picture]'), strings);
  const needs = new StepNeeds(required(page, '[data-lab-steps]'), strings);
  const steps = new LabSteps(required(page, '[data-lab-steps]'), lab, strings, {
    unreachable: () => {
      banner.show();
      picture.unreachable();
      steps.setOnline(false);
    },
    cluster: (status) => picture.update(status),
  });

  void steps.load();
  openEventStream({
    message(message) {
      switch (message.type) {
        case 'status':
          picture.update(message.status);
          needs.update(message.status);
          return steps.setCluster(message.status);
        case 'event':
          return picture.event(message.event);
        case 'lab-check':
          if (message.lab === lab) steps.applyCheck(message.result);
          return;
        case 'lab-progress':
          if (message.lab === lab) void steps.load();
          return;
      }
    },
    connection(connected, retryInMs) {
      page.dataset.connected = String(connected);
      if (connected) {
        banner.hide();
        steps.setOnline(true);
        void steps.load();
      } else {
        banner.show(retryInMs);
        picture.unreachable();
        steps.setOnline(false);
      }
    },
  });
}
