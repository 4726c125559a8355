/**
 * The steps side of a lab page: loads the learner's progress (`GET /api/labs/{id}`), checks the
 * current step with the learner's answers, unlocks hints one at a time, skips, and starts over.
 * Another tab's check or hint arrives over `/api/events` and is drawn the same way.
 */
import type { ClusterStatus } from '../../server/runtime/cluster-runtime.ts';
import { element, hideKeepingFocus, isAvailable, required, setAvailable } from './dom.ts';
import { ApiFailure, ServerUnreachable, getJson, labPath, postJson, type CheckResponse, type HintResponse, type LabView, type ResetResponse } from './lab-api.ts';
import { StepView } from './step-view.ts';
import type { UiStrings } from './ui-strings.ts';

export interface LabStepsEvents {
  /** A request found no server: the page shows that it is gone and waits for it. */
  unreachable(): void;
  /** A fresh cluster status fetched after a reset, for the rest of the page. */
  cluster(status: ClusterStatus): void;
}

export class LabSteps {
  readonly #root: HTMLElement;
  readonly #lab: string;
  readonly #strings: UiStrings;
  readonly #events: LabStepsEvents;
  readonly #steps: StepView[];
  readonly #error: HTMLElement;
  readonly #announce: HTMLElement;
  readonly #progressText: HTMLElement;
  readonly #progressBar: HTMLElement;
  readonly #complete: HTMLElement;
  readonly #reset: HTMLButtonElement;
  readonly #resetConfirm: HTMLElement;
  readonly #resetStatus: HTMLElement;
  readonly #setup: HTMLElement;
  readonly #setupButton: HTMLButtonElement;
  readonly #setupStatus: HTMLElement;
  #view: LabView | null = null;
  #cluster: ClusterStatus | null = null;
  #online = true;
  #loading: Promise<void> | null = null;

  constructor(root: HTMLElement, lab: string, strings: UiStrings, events: LabStepsEvents) {
    this.#root = root;
    this.#lab = lab;
    this.#strings = strings;
    this.#events = events;
    this.#steps = [...root.querySelectorAll<HTMLElement>('[data-step]')].map((item) => new StepView(item, strings));
    this.#error = required(root, '[data-lab-error]');
    this.#announce = required(root, '[data-announce]');
    this.#progressText = required(root, '[data-progress-text]');
    this.#progressBar = required(root, '[data-progress-bar]');
    this.#complete = required(root, '[data-lab-complete]');
    this.#reset = required(root, '[data-reset]');
    this.#resetConfirm = required(root, '[data-reset-confirm]');
    this.#resetStatus = required(root, '[data-reset-status]');
    this.#setup = required(root, '[data-lab-setup]');
    this.#setupButton = required(root, '[data-setup]');
    this.#setupStatus = required(root, '[data-setup-status]');

    for (const step of this.#steps) {
      step.form.addEventListener('submit', (event) => {
        event.preventDefault();
        void this.#check(step);
      });
      step.skipButton.addEventListener('click', () => {
        if (!isAvailable(step.skipButton)) return;
        step.skipConfirm.hidden = false;
        required<HTMLButtonElement>(step.skipConfirm, '[data-skip-no]').focus();
      });
      required(step.skipConfirm, '[data-skip-no]').addEventListener('click', () => hideKeepingFocus(step.skipConfirm, step.skipButton));
      required(step.skipConfirm, '[data-skip-yes]').addEventListener('click', () => void this.#skip(step));
      step.hintButton?.addEventListener('click', () => void this.#hint(step));
    }
    this.#reset.addEventListener('click', () => {
      if (!isAvailable(this.#reset)) return;
      this.#resetConfirm.hidden = false;
      required<HTMLButtonElement>(this.#resetConfirm, '[data-reset-no]').focus();
    });
    required(this.#resetConfirm, '[data-reset-no]').addEventListener('click', () => hideKeepingFocus(this.#resetConfirm, this.#reset));
    required(this.#resetConfirm, '[data-reset-yes]').addEventListener('click', () => void this.#startOver(this.#resetStatus, 'kafkalab.labPage.resetting'));
    this.#setupButton.addEventListener('click', () => {
      if (isAvailable(this.#setupButton)) void this.#startOver(this.#setupStatus, 'kafkalab.labPage.settingUp');
    });
  }

  /** The cluster as it is now: decides whether the lab still needs setting up. */
  setCluster(status: ClusterStatus): void {
    this.#cluster = status;
    this.#showSetup();
  }

  /**
   * Before the first attempt, a cluster that is not in the lab's starting state (down, other broker
   * ids, a lab topic missing) gets a "Set up the lab" prompt: the lab's reset, which prepares it.
   */
  #showSetup(): void {
    const view = this.#view;
    const status = this.#cluster;
    const first = view?.steps[0];
    const fresh = first !== undefined && first.state === 'current' && !first.lastResult;
    const data = this.#root.dataset;
    let needed = false;
    if (view && status && fresh && data.initialState !== 'down' && this.#setupStatus.textContent === '') {
      const wantedIds = (data.brokerIds ?? '').split(',').filter(Boolean).map(Number);
      const brokerIds = status.nodes.filter((node) => node.kind === 'kafka').map((node) => node.id);
      const topics = (data.topics ?? '').split(',').filter(Boolean);
      needed =
        status.state !== 'up' ||
        (wantedIds.length > 0 && wantedIds.join(',') !== brokerIds.join(',')) ||
        topics.some((topic) => !status.kafka?.topics.some((candidate) => candidate.name === topic));
    }
    if (needed) this.#setup.hidden = false;
    else if (this.#setupStatus.textContent === '') hideKeepingFocus(this.#setup, this.#steps[0]?.toggle);
    setAvailable(this.#setupButton, this.#online);
  }

  /** Fetches the learner's progress in this lab and draws it (one fetch at a time). */
  load(): Promise<void> {
    this.#loading ??= this.#request(() => getJson<LabView>(labPath(this.#lab))).then((view) => {
      this.#loading = null;
      if (view) this.#apply(view);
    });
    return this.#loading;
  }

  /** The server is reachable again (or gone): the controls follow. */
  setOnline(online: boolean): void {
    this.#online = online;
    if (this.#view) this.#apply(this.#view);
    else setAvailable(this.#reset, online);
  }

  /** A check's result, ours or another tab's. */
  applyCheck(result: CheckResponse): void {
    const before = this.#view;
    if (!before) return;
    const advanced = result.steps.some((graded) => before.steps.find((step) => step.id === graded.id)?.state !== graded.state);
    const steps = before.steps.map((step) => {
      const graded = result.steps.find((candidate) => candidate.id === step.id);
      if (!graded) return step;
      return { ...step, state: graded.state, lastResult: graded.checks.length ? { id: step.id, passed: graded.passed, checks: graded.checks } : step.lastResult };
    });
    this.#apply({ ...before, steps, currentStep: result.currentStep, completed: result.passed });
    // A step done shows its solution, which only the lab's full state carries.
    if (advanced) void this.load();
  }

  #apply(view: LabView): void {
    this.#view = view;
    for (const step of this.#steps) {
      const stepView = view.steps.find((candidate) => candidate.id === step.id);
      if (stepView) step.render(stepView, this.#online);
    }
    const done = view.steps.filter((step) => step.state === 'passed' || step.state === 'skipped').length;
    this.#progressText.textContent = this.#strings.text('kafkalab.labPage.progress', { done, total: view.steps.length });
    this.#progressBar.style.inlineSize = `${(100 * done) / Math.max(1, view.steps.length)}%`;
    this.#root.dataset.completed = String(view.completed);
    this.#complete.hidden = !view.completed;
    setAvailable(this.#reset, this.#online);
    this.#showSetup();
    // Transitions only after the first drawing: the page does not animate into its loaded state.
    if (!this.#root.dataset.ready) requestAnimationFrame(() => (this.#root.dataset.ready = 'true'));
  }

  async #check(step: StepView): Promise<void> {
    if (!isAvailable(step.checkButton) || step.view?.state !== 'current') return;
    this.#resetStatus.textContent = '';
    step.setBusy(true, this.#strings.text('kafkalab.labPage.checking'));
    this.#showError(null);
    const result = await this.#request(() => postJson<CheckResponse>(labPath(this.#lab, 'check'), { answers: step.answers() }));
    step.setBusy(false);
    if (!result) return this.#apply(this.#view!);
    const graded = result.steps.find((candidate) => candidate.id === step.id);
    if (graded?.passed) step.keepOpen();
    this.applyCheck(result);
    if (graded?.passed) this.#moveOn(step, 'kafkalab.labPage.stepPassed');
  }

  async #hint(step: StepView): Promise<void> {
    if (!step.hintButton || !isAvailable(step.hintButton) || !this.#view) return;
    setAvailable(step.hintButton, false);
    const hint = await this.#request(() => postJson<HintResponse>(labPath(this.#lab, 'steps', step.id, 'hint')));
    if (hint) {
      const steps = this.#view.steps.map((candidate) =>
        candidate.id === step.id ? { ...candidate, hints: { total: hint.total, unlocked: hint.unlocked } } : candidate,
      );
      // The hint list is a live region: the new hint is read out while the focus stays on the button.
      this.#apply({ ...this.#view, steps });
    } else {
      this.#apply(this.#view);
    }
  }

  async #skip(step: StepView): Promise<void> {
    step.skipConfirm.hidden = true;
    this.#resetStatus.textContent = '';
    step.setBusy(true, this.#strings.text('kafkalab.labPage.skipping'));
    this.#showError(null);
    const view = await this.#request(() => postJson<LabView>(labPath(this.#lab, 'steps', step.id, 'skip')));
    step.setBusy(false);
    if (!view) return this.#apply(this.#view!);
    step.keepOpen();
    this.#apply(view);
    this.#moveOn(step, 'kafkalab.labPage.stepSkipped');
  }

  /** Resets the lab (start over, or set it up the first time), reporting progress in `status`. */
  async #startOver(status: HTMLElement, doing: string): Promise<void> {
    this.#resetConfirm.hidden = true;
    setAvailable(this.#reset, false);
    setAvailable(this.#setupButton, false);
    status.textContent = this.#strings.text(doing);
    this.#resetStatus.textContent = status === this.#resetStatus ? status.textContent : '';
    this.#showError(null);
    const view = await this.#request(() => postJson<ResetResponse>(labPath(this.#lab, 'reset')));
    if (!view) {
      status.textContent = '';
      if (this.#view) this.#apply(this.#view);
      return;
    }
    for (const step of this.#steps) {
      step.forgetHand();
      step.clearAnswers();
    }
    // The cluster as the reset left it, before the prompt is weighed again (events may lag behind).
    const cluster = await this.#request(() => getJson<ClusterStatus>('/api/cluster'));
    if (cluster) {
      this.#cluster = cluster;
      this.#events.cluster(cluster);
    }
    this.#setupStatus.textContent = '';
    this.#apply(view);
    const done = this.#strings.text('kafkalab.labPage.resetDone', { seconds: (view.resetMs / 1000).toFixed(1) });
    if (status === this.#resetStatus) this.#resetStatus.textContent = done;
    else this.#announce.textContent = done;
    // The focus goes to the first step: the lab begins (again) there.
    this.#steps[0]?.toggle.focus();
  }

  /** After a step is done: say so, and take the focus to the next step (or to "lab complete"). */
  #moveOn(step: StepView, messageKey: string): void {
    const title = required(step.item, '[data-step-title]').textContent ?? step.id;
    this.#announce.textContent = this.#strings.text(messageKey, { step: title });
    const next = this.#steps.find((candidate) => candidate.view?.state === 'current');
    if (next) next.toggle.focus();
    else if (!this.#complete.hidden) this.#complete.focus();
  }

  /** Runs a request; an error is shown (or, with no server, reported) and yields `null`. */
  async #request<T>(send: () => Promise<T>): Promise<T | null> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof ServerUnreachable) this.#events.unreachable();
      else this.#showError(error instanceof ApiFailure ? error.text : String(error));
      return null;
    }
  }

  #showError(text: string | null): void {
    this.#error.hidden = text === null;
    this.#error.replaceChildren(...(text === null ? [] : [element('span', {}, text)]));
  }
}
