/**
 * kafkajs 2.2.4 arms a timer with a negative delay whenever its request queue is idle
 * (`RequestQueue.scheduleCheckPendingRequests`), and Node 24 warns about each one on stderr:
 * `(node:PID) TimeoutNegativeWarning: -1796465963391 is a negative number.` The timer is harmless
 * (Node runs it after 1 ms, as kafkajs expects), but the line would land in the middle of a Kafka
 * tool's output in the learner's terminal and in the server's log. Every other warning is printed
 * as Node prints it.
 */
const HARMLESS = new Set(['TimeoutNegativeWarning']);

export function quietHarmlessWarnings(): void {
  // Node prints warnings through its own 'warning' listener; replace it with one that skips ours.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (HARMLESS.has(warning.name)) return;
    process.stderr.write(`(node:${process.pid}) ${warning.name}: ${warning.message}\n`);
  });
}
