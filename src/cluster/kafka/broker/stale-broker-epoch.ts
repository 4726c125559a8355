/**
 * `ZkSupport.isBrokerEpochStale` (Kafka 3.9 `KafkaApis`): a LeaderAndIsr, UpdateMetadata or StopReplica
 * carrying an older registration epoch of this broker (the czxid of its `/brokers/ids/<id>` znode) than
 * the current one was meant for an earlier incarnation of it, and is refused with STALE_BROKER_EPOCH
 * before anything else is looked at. -1 (a controller before KIP-380) is never stale, nor is a newer
 * epoch (the controller may learn of a new registration before the broker's own watch fires).
 */
import type { RequestContext } from './api-handler.ts';

export function isBrokerEpochStale(ctx: RequestContext, api: string, inRequest: bigint | undefined): boolean {
  if (inRequest === undefined || inRequest === -1n) return false;
  const current = ctx.services.internals.cache.brokerEpoch(ctx.services.brokerId);
  if (inRequest >= current) return false;
  ctx.services.logger.child('state-change').info(`Received ${api} request with broker epoch ${inRequest} smaller than the current broker epoch ${current}`);
  return true;
}
