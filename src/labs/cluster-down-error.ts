/** Thrown by a context's clients while the cluster is down; the grader reports "the cluster is down: bring it up". */
export class LabClusterDownError extends Error {
  constructor() {
    super('the cluster is down');
    this.name = 'LabClusterDownError';
  }
}
