/**
 * "Topic `test` exists with 2 partitions and replication factor 3", read from the cluster's metadata.
 * A name that only looks right (`test-old`) or a topic of another shape never passes, and the check
 * says which of the two it found.
 */
import type { LabContext } from '../lab-context.ts';
import type { LabCheck } from '../lab.ts';
import { list } from './cluster-view.ts';
import { hasOption, latestToolRun, optionValue } from './terminal-activity.ts';
import { topicViews, userTopics } from './topic-admin.ts';

export interface TopicShape {
  topic: string;
  partitions: number;
  replicationFactor: number;
}

export function topicShapeCheck(id: string, shape: TopicShape): LabCheck {
  return {
    id,
    async run(context) {
      const { t } = context;
      const expected = t('labs.check.topic-shape.expected', describe(context, shape.topic, shape.partitions, shape.replicationFactor));
      const views = await topicViews(context);
      const found = views.get(shape.topic);
      const creation = latestToolRun(context.activity, 'kafka-topics', (argv) => hasOption(argv, 'create') && optionValue(argv, 'topic') === shape.topic);
      if (!found) {
        const others = userTopics(views);
        const missing = t('labs.check.topic-shape.missing', { topic: shape.topic, topics: list(others, t('labs.check.topic-shape.no-topics')) });
        return {
          passed: false,
          saw: creation && creation.exitCode !== 0 ? t('labs.check.topic-shape.create-failed', { missing, command: creation.line, exitCode: creation.exitCode }) : missing,
          expected,
          hint: t('labs.check.topic-shape.hint.create', { topic: shape.topic }),
        };
      }
      const partitions = found.partitions.length;
      const replicationFactor = found.replicationFactor;
      const passed = partitions === shape.partitions && replicationFactor === shape.replicationFactor;
      const shapeNow = describe(context, shape.topic, partitions, replicationFactor);
      return {
        passed,
        // "You created it, but with 1 partition": the learner's own command, when the terminal ran it.
        saw: !passed && creation?.exitCode === 0 ? t('labs.check.topic-shape.saw-created', { ...shapeNow, command: creation.line }) : t('labs.check.topic-shape.saw', shapeNow),
        expected,
        hint: passed ? undefined : t(partitions < shape.partitions && replicationFactor === shape.replicationFactor ? 'labs.check.topic-shape.hint.add-partitions' : 'labs.check.topic-shape.hint.recreate', { topic: shape.topic }),
      };
    },
  };
}

function describe(context: LabContext, topic: string, partitions: number, replicationFactor: number) {
  const count = context.t(partitions === 1 ? 'labs.check.topic-shape.partitions.one' : 'labs.check.topic-shape.partitions.other', { count: partitions });
  return { topic, partitions: count, replicationFactor };
}
