import type { Messages } from './translate.ts';

/** The grader's own messages and the labs' shared UI words, in English. */
export const en: Messages = {
  'labs.grader.timed-out': 'no answer from the cluster within {seconds} s',
  'labs.grader.in-time': 'an answer within the check’s time limit',
  'labs.grader.failed': 'the check could not finish: {message}',
  'labs.grader.no-error': 'the cluster to answer the check’s requests',
  'labs.grader.no-answer': 'no answer yet',
  'labs.grader.an-answer': 'your answer to the question',
  'labs.grader.you-answered': '“{answer}”',
  'labs.grader.right-answer-hidden': 'the answer the live cluster gives (look again: the cluster may have changed)',
  'labs.grader.cluster-down': 'the cluster is down',
  'labs.grader.cluster-up': 'the cluster up: bring it up (`kafkalab up` in the terminal, the Bring up button, or POST /api/cluster/up)',
};
