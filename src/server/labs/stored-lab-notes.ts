/** A lab session's notes written through to the progress store, so a later step's check finds them after a restart. */
import { LabNotes } from '../../labs/lab-notes.ts';
import type { ProgressStore } from './progress-store.ts';

export class StoredLabNotes extends LabNotes {
  readonly #store: ProgressStore;
  readonly #learner: string;
  readonly #lab: string;

  constructor(store: ProgressStore, learner: string, lab: string) {
    super();
    this.#store = store;
    this.#learner = learner;
    this.#lab = lab;
    for (const [key, value] of store.notes(learner, lab)) super.set(key, value);
  }

  override set(key: string, value: string): void {
    this.#store.setNote(this.#learner, this.#lab, key, value);
    super.set(key, value);
  }

  override delete(key: string): void {
    this.#store.deleteNote(this.#learner, this.#lab, key);
    super.delete(key);
  }

  override clear(): void {
    this.#store.clearNotes(this.#learner, this.#lab);
    super.clear();
  }
}
