/**
 * `--replica-assignment 1:2,2:3,3:1` as `TopicCommand.parseReplicaAssignment` reads it: partitions
 * separated by `,` (Java's `split` drops trailing empty parts), broker ids by `:`. A part that is no
 * integer fails as `Integer.parseInt` does (`For input string: "x"`); duplicate brokers in a partition
 * and partitions of different sizes fail with Kafka's admin exceptions.
 */
import { JavaException } from '../kafka/java-exception.ts';

const PARSE_FRAME = 'org.apache.kafka.tools.TopicCommand.parseReplicaAssignment';

/** Java's `String#split(regex)`: trailing empty strings removed (a leading one stays). */
function javaSplit(text: string, separator: string): string[] {
  if (!text.includes(separator)) return [text];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Partition index -> broker ids, in partition order. `callerFrames`: where the tool read the option. */
export function parseReplicaAssignment(text: string, callerFrames: readonly string[]): Map<number, number[]> {
  const assignment = new Map<number, number[]>();
  const partitions = javaSplit(text, ',');
  partitions.forEach((partition, index) => {
    const brokers = javaSplit(partition, ':').map((part) => {
      const trimmed = part.trim();
      if (!/^[+-]?\d+$/.test(trimmed) || Math.abs(Number(trimmed)) > 2 ** 31) {
        throw new JavaException('java.lang.NumberFormatException', `For input string: "${trimmed}"`, [
          'java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)',
          'java.base/java.lang.Integer.parseInt(Integer.java:668)',
          'java.base/java.lang.Integer.parseInt(Integer.java:786)',
          'java.base/java.util.stream.ReferencePipeline$4$1.accept(ReferencePipeline.java:214)',
          `${PARSE_FRAME}(TopicCommand.java:145)`,
          ...callerFrames,
        ]);
      }
      return Number(trimmed);
    });
    const seen = new Set<number>();
    const duplicates = new Set<number>();
    for (const broker of brokers) (seen.has(broker) ? duplicates : seen).add(broker);
    if (duplicates.size > 0) {
      // A Java HashSet<Integer>: small ids iterate in ascending order.
      throw new JavaException(
        'org.apache.kafka.server.common.AdminCommandFailedException',
        `Partition replica lists may not contain duplicate entries: ${[...duplicates].sort((a, b) => a - b).join(',')}`,
        [`${PARSE_FRAME}(TopicCommand.java:148)`, ...callerFrames],
      );
    }
    assignment.set(index, brokers);
    if (brokers.length !== assignment.get(0)!.length) {
      throw new JavaException('org.apache.kafka.server.common.AdminOperationException', `Partition ${index} has different replication factor: [${brokers.join(', ')}]`, [
        `${PARSE_FRAME}(TopicCommand.java:156)`,
        ...callerFrames,
      ]);
    }
  });
  return assignment;
}
