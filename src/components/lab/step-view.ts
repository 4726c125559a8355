/**
 * One step of a lab on its page: the markup comes from the build (title, instructions, question
 * fields); this draws what the server says about it: its state badge, whether it is open, the last
 * check's result (per check: what it saw, what it expected, its hint), the hints unlocked so far and,
 * once passed or skipped, the reference solution.
 */
import { appendInlineCode } from './inline-code.ts';
import { element, hideKeepingFocus, required, setAvailable } from './dom.ts';
import type { LabStepView, StepResultView } from './lab-api.ts';
import type { UiStrings } from './ui-strings.ts';

export class StepView {
  readonly id: string;
  readonly item: HTMLElement;
  readonly toggle: HTMLButtonElement;
  readonly form: HTMLFormElement;
  readonly checkButton: HTMLButtonElement;
  readonly skipButton: HTMLButtonElement;
  readonly skipConfirm: HTMLElement;
  readonly hintButton: HTMLButtonElement | null;
  readonly #strings: UiStrings;
  readonly #body: HTMLElement;
  readonly #badge: HTMLElement;
  readonly #result: HTMLElement;
  readonly #hintList: HTMLElement | null;
  readonly #hintsAllShown: HTMLElement | null;
  readonly #solution: HTMLElement;
  #view: LabStepView | null = null;
  /** The result drawn last: redrawing the same one would make screen readers read it again. */
  #resultShown = '';
  /** Likewise the solution: redrawn only when it changes (its lines carry buttons). */
  #solutionShown = '';
  /** The learner opened or closed the step by hand; otherwise the current step is the open one. */
  #openedByHand: boolean | null = null;

  constructor(item: HTMLElement, strings: UiStrings) {
    this.item = item;
    this.id = item.dataset.step!;
    this.#strings = strings;
    this.toggle = required(item, '[data-step-toggle]');
    this.#body = required(item, '[data-step-body]');
    this.#badge = required(item, '[data-step-badge]');
    this.form = required(item, '[data-check-form]');
    this.checkButton = required(item, '[data-check]');
    this.skipButton = required(item, '[data-skip]');
    this.skipConfirm = required(item, '[data-skip-confirm]');
    this.#result = required(item, '[data-step-result]');
    this.hintButton = item.querySelector('[data-hint-button]');
    this.#hintList = item.querySelector('[data-hint-list]');
    this.#hintsAllShown = item.querySelector('[data-hints-all-shown]');
    this.#solution = required(item, '[data-solution]');
    this.toggle.addEventListener('click', () => {
      this.#openedByHand = this.toggle.getAttribute('aria-expanded') !== 'true';
      this.#setOpen(this.#openedByHand);
    });
  }

  get view(): LabStepView | null {
    return this.#view;
  }

  /** Keeps the step open from now on (it just passed: the learner reads its result and solution). */
  keepOpen(): void {
    this.#openedByHand = true;
  }

  /** Forgets the learner's open/closed choice (after a reset). */
  forgetHand(): void {
    this.#openedByHand = null;
  }

  render(view: LabStepView, online: boolean): void {
    this.#view = view;
    const t = this.#strings;
    const current = view.state === 'current';
    this.item.dataset.state = view.state;
    this.#badge.textContent = t.text(`kafkalab.labPage.state.${view.state}`);
    this.#setOpen(this.#openedByHand ?? current);

    // Only the current step can be checked, hinted or skipped.
    if (!current) {
      this.skipConfirm.hidden = true;
      hideKeepingFocus(this.form, null);
    } else {
      this.form.hidden = false;
    }
    for (const control of [this.checkButton, this.skipButton]) setAvailable(control, online && this.item.dataset.busy !== 'true');

    this.#renderHints(view, current, online);
    this.#renderResult(view.lastResult);
    this.#renderSolution(view.solution);
  }

  /** While a check runs: the button says so and the step is marked busy. */
  setBusy(busy: boolean, label?: string): void {
    if (busy) this.item.dataset.busy = 'true';
    else delete this.item.dataset.busy;
    this.item.setAttribute('aria-busy', String(busy));
    this.checkButton.textContent = busy && label ? label : this.#strings.text('kafkalab.labPage.check');
    setAvailable(this.checkButton, !busy);
    setAvailable(this.skipButton, !busy);
  }

  answers(): Record<string, string> {
    const answers: Record<string, string> = {};
    for (const input of this.form.querySelectorAll<HTMLInputElement>('input[data-question]')) answers[input.dataset.question!] = input.value;
    return answers;
  }

  clearAnswers(): void {
    for (const input of this.form.querySelectorAll<HTMLInputElement>('input[data-question]')) input.value = '';
  }

  #setOpen(open: boolean): void {
    this.toggle.setAttribute('aria-expanded', String(open));
    this.#body.hidden = !open;
  }

  #renderHints(view: LabStepView, current: boolean, online: boolean): void {
    if (!this.#hintList) return;
    const t = this.#strings;
    const { unlocked, total } = view.hints;
    const shown = this.#hintList.children.length;
    // Hints only ever get added (a reset re-renders from scratch through `unlocked` being shorter).
    if (shown > unlocked.length) this.#hintList.replaceChildren();
    for (let index = this.#hintList.children.length; index < unlocked.length; index++) {
      const item = element('li', { 'data-hint': String(index + 1) }, element('span', { class: 'lab-hint-label' }, t.text('kafkalab.labPage.hints.label', { n: index + 1 })), ' ');
      appendInlineCode(item, unlocked[index]);
      this.#hintList.append(item);
    }
    if (!this.hintButton) return;
    const more = unlocked.length < total;
    if (this.#hintsAllShown) this.#hintsAllShown.hidden = more || unlocked.length === 0;
    if (current && more) {
      this.hintButton.hidden = false;
      this.hintButton.textContent = t.text('kafkalab.labPage.hints.show', { n: unlocked.length + 1, total });
      setAvailable(this.hintButton, online);
    } else {
      // Focus moves to the hint just shown, which is what the learner wants to read next.
      const last = this.#hintList.lastElementChild as HTMLElement | null;
      if (last) last.tabIndex = -1;
      hideKeepingFocus(this.hintButton, last);
    }
  }

  #renderResult(result: StepResultView | undefined): void {
    const t = this.#strings;
    const key = JSON.stringify(result ?? null);
    if (key === this.#resultShown) return;
    this.#resultShown = key;
    if (!result || result.checks.length === 0) {
      this.#result.replaceChildren();
      delete this.#result.dataset.passed;
      return;
    }
    const passing = result.checks.filter((check) => check.passed).length;
    this.#result.dataset.passed = String(result.passed);
    const summary = result.passed ? t.text('kafkalab.labPage.result.passed') : t.text('kafkalab.labPage.result.failed', { passed: passing, total: result.checks.length });
    const checks = result.checks.map((check) => {
      const details = element('dl', { class: 'lab-check-details' });
      const row = (label: string, text: string, kind: string) => {
        const value = element('dd');
        appendInlineCode(value, text);
        details.append(element('div', { class: `lab-check-${kind}` }, element('dt', {}, label), value));
      };
      row(t.text('kafkalab.labPage.result.saw'), check.timedOut ? `${check.saw} (${t.text('kafkalab.labPage.result.timedOut')})` : check.saw, 'saw');
      row(t.text('kafkalab.labPage.result.expected'), check.expected, 'expected');
      if (check.hint && !check.passed) row(t.text('kafkalab.labPage.result.hint'), check.hint, 'hint');
      return element(
        'li',
        { 'data-check': check.id, 'data-passed': String(check.passed), ...(check.timedOut ? { 'data-timed-out': 'true' } : {}) },
        element('span', { class: 'lab-check-icon', 'aria-hidden': 'true' }, check.passed ? '✓' : '✗'),
        element('span', { class: 'sr-only' }, t.text(check.passed ? 'kafkalab.labPage.result.checkPassed' : 'kafkalab.labPage.result.checkFailed')),
        details,
      );
    });
    this.#result.replaceChildren(element('p', { class: 'lab-result-summary' }, summary), element('ul', { class: 'lab-checks' }, ...checks));
  }

  #renderSolution(solution: string[] | undefined): void {
    this.#solution.hidden = !solution || solution.length === 0;
    const key = JSON.stringify(solution ?? []);
    if (key === this.#solutionShown) return;
    this.#solutionShown = key;
    // One line per command; the commands (not the notes in parentheses, not the `>` input lines) are
    // marked for the terminal's Run and Copy buttons.
    const lines = (solution ?? []).map((line) => element('span', { class: 'lab-solution-line', ...(/^[(>]/.test(line) ? {} : { 'data-command': '' }) }, line));
    required(this.#solution, '[data-solution-code]').replaceChildren(...lines);
  }
}
