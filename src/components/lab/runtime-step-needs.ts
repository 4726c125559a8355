/**
 * A lab step that needs a node action the runtime cannot do (a network partition, `isolate`, on the
 * Docker runtime) says so at the top of the step, instead of letting the learner fail its checks: the
 * build marks such steps `data-needs="isolate,heal"` (the lab's `needs`), each status says what the
 * runtime can do (`capabilities.nodeActions`).
 */
import type { ClusterStatus } from '../../server/runtime/cluster-runtime.ts';
import { element } from './dom.ts';
import type { UiStrings } from './ui-strings.ts';

/** The actions of `needed` that a runtime with `can` cannot do. */
export function missingNodeActions(needed: readonly string[], can: readonly string[]): string[] {
  return needed.filter((action) => !can.includes(action));
}

/** The sentence for the learner: a partition (isolate, heal) is named as such; other actions by name. */
export function stepNeedsText(missing: readonly string[], runtime: ClusterStatus['runtime'], t: UiStrings): string {
  const name = t.text(`kafkalab.cluster.runtime.name.${runtime}`);
  if (missing.some((action) => action === 'isolate' || action === 'heal')) return t.text('kafkalab.labPage.needs.partition', { runtime: name });
  return t.text('kafkalab.labPage.needs.action', { action: missing.join(', '), runtime: name });
}

export class StepNeeds {
  readonly #steps: HTMLElement[];
  readonly #strings: UiStrings;

  constructor(root: HTMLElement, strings: UiStrings) {
    this.#steps = [...root.querySelectorAll<HTMLElement>('[data-step][data-needs]')].filter((step) => step.dataset.needs !== '');
    this.#strings = strings;
  }

  update(status: ClusterStatus): void {
    for (const step of this.#steps) {
      const missing = missingNodeActions(step.dataset.needs!.split(','), status.capabilities?.nodeActions ?? []);
      const body = step.querySelector<HTMLElement>('[data-step-body]') ?? step;
      let note = body.querySelector<HTMLElement>('[data-step-needs]');
      if (missing.length === 0) {
        note?.remove();
        continue;
      }
      const text = stepNeedsText(missing, status.runtime, this.#strings);
      if (!note) {
        note = element('p', { class: 'lab-step-needs', role: 'note', 'data-step-needs': '' });
        body.prepend(note);
      }
      if (note.textContent !== text) note.textContent = text;
    }
  }
}
