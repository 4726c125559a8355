/**
 * The runtime as the learner's page drives it: every successful up, down and node action through it is
 * recorded as the learner's activity, also when typed in its terminal (`kafkalab stop kafka-2`). The
 * cluster routes get this runtime and know nothing of labs; the lab engine drives the plain runtime, so
 * a reset or a skip is not taken for the learner's doing.
 */
import type { ClusterRuntime, ClusterSpec, ClusterStatus, NodeAction } from '../runtime/cluster-runtime.ts';
import type { ActivityLog } from './activity-log.ts';

export function activityRecordingRuntime(runtime: ClusterRuntime, log: ActivityLog, learner: string): ClusterRuntime {
  const recorded = async (kind: string, detail: string, action: () => Promise<ClusterStatus>) => {
    const at = Date.now();
    const status = await action();
    log.record(learner, { at, kind, detail });
    return status;
  };
  const recording: ClusterRuntime = {
    kind: runtime.kind,
    up: () => recorded('cluster-up', 'up', () => runtime.up()),
    down: () => recorded('cluster-down', 'down', () => runtime.down()),
    status: () => runtime.status(),
    nodeAction: (name: string, action: NodeAction) => recorded('node-action', `${name} ${action}`, () => runtime.nodeAction(name, action)),
    configure: (spec: ClusterSpec) => runtime.configure(spec),
    onEvent: (listener) => runtime.onEvent(listener),
    // The terminal's `kafkalab stop kafka-2` is the learner's doing too.
    openTerminal: (size, options) => runtime.openTerminal(size, { controls: recording, ...options }),
    [Symbol.asyncDispose]: () => runtime[Symbol.asyncDispose](),
  };
  return recording;
}
