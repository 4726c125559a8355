/**
 * Which topics `--topic` selects for --list, --describe, --alter and --delete: Kafka's
 * `TopicFilter.IncludeList`. The text is a Java regex matched against the whole name
 * (`String.matches`), after `trim()`, `,` -> `|`, spaces removed and leading/trailing quotes
 * stripped; so `--topic a,b` means `a` or `b`, and `my.topic` also matches `my-topic`.
 * Java and JavaScript regexes agree on everything a learner is likely to type.
 */
import { JavaException } from '../kafka/java-exception.ts';

/** `Topic.isInternal` (Kafka 3.9). */
const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state', '__share_group_state']);

export function isInternalTopic(topic: string): boolean {
  return INTERNAL_TOPICS.has(topic);
}

/** `Topic.hasCollisionChars`: a `.` or `_` in the name (the tool warns before creating it). */
export function hasCollisionChars(topic: string): boolean {
  return topic.includes('.') || topic.includes('_');
}

export class TopicIncludeList {
  readonly regex: string;
  readonly #pattern: RegExp;

  /** Throws Java's `RuntimeException: <regex> is an invalid regex.` (`callerFrames`: where the filter is built). */
  constructor(rawRegex: string, callerFrames: readonly string[]) {
    this.regex = rawRegex.trim().replaceAll(',', '|').replaceAll(' ', '').replace(/^["']+/, '').replace(/["']+$/, '');
    try {
      this.#pattern = new RegExp(`^(?:${this.regex})$`);
    } catch {
      throw new JavaException('java.lang.RuntimeException', `${this.regex} is an invalid regex.`, [
        'org.apache.kafka.server.util.TopicFilter.<init>(TopicFilter.java:41)',
        'org.apache.kafka.server.util.TopicFilter$IncludeList.<init>(TopicFilter.java:59)',
        ...callerFrames,
      ]);
    }
  }

  isTopicAllowed(topic: string, excludeInternalTopics: boolean): boolean {
    return this.#pattern.test(topic) && !(isInternalTopic(topic) && excludeInternalTopics);
  }
}
