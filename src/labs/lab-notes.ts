/**
 * What a lab remembers between checks of one learner's lab session: "the two members that shared the
 * group at step 1", "the broker that was controller when the lab started". Written by a check that
 * passes, a reference solution or the lab's reset, read by a later step's check. Values are strings
 * (JSON for structured ones) so a session can be stored or sent as it is; the session's reset clears them.
 */
export class LabNotes {
  readonly #notes = new Map<string, string>();

  get(key: string): string | undefined {
    return this.#notes.get(key);
  }

  set(key: string, value: string): void {
    this.#notes.set(key, value);
  }

  delete(key: string): void {
    this.#notes.delete(key);
  }

  clear(): void {
    this.#notes.clear();
  }
}
