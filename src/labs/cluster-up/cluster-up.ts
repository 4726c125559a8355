import { brokerQuestion } from '../checks/broker-question.ts';
import { brokersRegisteredCheck, controllerElectedCheck, zookeeperQuorumCheck } from '../checks/cluster-checks.ts';
import { kafkaView } from '../checks/cluster-view.ts';
import { defineLab } from '../define-lab.ts';

/** Chapter 1: bring the cluster up and meet its parts. */
export const clusterUp = defineLab({
  id: 'cluster-up',
  chapter: 1,
  cluster: { initialState: 'down' },
  steps: [
    {
      id: 'bring-up',
      hints: 2,
      checks: [zookeeperQuorumCheck(), brokersRegisteredCheck(), controllerElectedCheck()],
      solution: ['kafkalab up', 'kafkalab status'],
      async solve(context) {
        await context.cluster.up();
      },
    },
    {
      id: 'find-controller',
      hints: 2,
      checks: [],
      questions: [brokerQuestion('controller', async (context) => (await kafkaView(context)).controllerId)],
      solution: ['zookeeper-shell localhost:12181 get /controller', 'kafkalab status'],
      async solve() {
        // Answering is the whole step: the reference answer comes from the question itself.
      },
    },
  ],
});
