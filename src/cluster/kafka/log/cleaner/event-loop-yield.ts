/**
 * Kafka cleans on threads of their own; here a cleaning round shares the broker's event loop with requests,
 * replication and ZooKeeper heartbeats. Decoding uncompressed batches never waits on anything, so a long round
 * would hold the loop for as long as it takes: the round gives the loop back every `sliceMs` of work instead.
 */
export function eventLoopYielder(sliceMs = 10): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    sliceStart = performance.now();
  };
}
