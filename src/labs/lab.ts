/**
 * A lab as typed data: an ordered list of steps the learner does against a live cluster, each graded
 * by checks that ask the cluster through its protocols (kafkajs, the ZooKeeper client, the runtime's
 * status and node controls) and never by reading tool output or reaching into broker objects, so the
 * same lab grades any runtime. Every learner-facing text is a message key (see `i18n/`).
 */
import type { LabContext, LabNodeAction } from './lab-context.ts';

/** What one check saw: `saw` and `expected` are written for the learner, in their language. */
export interface CheckOutcome {
  passed: boolean;
  saw: string;
  expected: string;
  /** A hint aimed at what exactly went wrong (the step's hint ladder is separate). */
  hint?: string;
}

export interface LabCheck {
  /** Unique within its step: `topic-exists`. */
  id: string;
  /** Default 5 s: a check that takes longer is cut and reported as timed out. */
  timeoutMs?: number;
  run(context: LabContext): Promise<CheckOutcome>;
}

/**
 * A question the learner answers in words or numbers, graded against the live cluster at check time
 * (never against a constant): "which broker is the controller?" is compared with `/controller`.
 */
export interface LabQuestion {
  /** Unique within the lab: the key of `answers` in a check request. */
  id: string;
  /** The right answer as the cluster shows it now; the reference solution answers with it. */
  answer(context: LabContext): Promise<string>;
  /** Default: `answer()` compared with the learner's text, trimmed and case-insensitively. */
  grade?(given: string, context: LabContext): Promise<CheckOutcome>;
  timeoutMs?: number;
}

export interface LabStep {
  /** Unique within the lab; the message keys `labs.<lab>.<step>.title|instructions|hint.N` hold its text. */
  id: string;
  checks: LabCheck[];
  questions?: LabQuestion[];
  /** How many hints `labs.<lab>.<step>.hint.1..N` the step has, unlocked one at a time. */
  hints: number;
  /**
   * The reference solution: does the step on the learner's cluster (through the same protocols), so
   * "skip" can move a stuck learner on and tests can prove every check passes after it.
   */
  solve(context: LabContext): Promise<void>;
  /** Commands shown as the solution (the terminal's real Kafka commands), for the learner to read. */
  solution?: string[];
  /**
   * Node actions the step cannot be done without (`isolate`, `heal`: a network partition). On a runtime
   * that cannot do one (the Docker runtime cannot isolate), the page says so instead of letting it fail.
   */
  needs?: { nodeActions?: LabNodeAction[] };
}

/** The cluster a lab starts from. */
export interface LabClusterSpec {
  /** Broker ids (default 1, 2, 3). */
  brokerIds?: number[];
  /** `down`: the lab starts with the cluster down (the learner brings it up). Default `up`. */
  initialState?: 'up' | 'down';
}

export interface Lab {
  /** `cluster-up`: the id lessons embed and the URL uses. */
  id: string;
  /** The chapter number it belongs to. */
  chapter: number;
  /** Text keys: `labs.<id>.title`, `labs.<id>.goal`. */
  steps: LabStep[];
  cluster?: LabClusterSpec;
  /**
   * Brings the lab to its starting state on a running cluster (after every node is running again):
   * removes what earlier attempts made (the lab's topics and groups) and seeds what the lab needs.
   */
  reset?(context: LabContext): Promise<void>;
  /** Topics the lab is about: the live picture shows their partitions. */
  topics?: string[];
}
