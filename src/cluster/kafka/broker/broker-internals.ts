/**
 * The broker core as its own handlers (Produce, Fetch, CreateTopics, ...) see it. Not part of the contract
 * with the group coordinator: it changes with the core.
 */
export interface BrokerInternals {
  readonly running: boolean;
}
