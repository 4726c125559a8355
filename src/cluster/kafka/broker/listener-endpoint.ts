/**
 * Kafka's rule for which address of a broker someone is given: the one of the listener they connected
 * through (`request.context.listenerName`, `MetadataCache.getAliveBrokerNode(id, listenerName)`). A broker
 * without that listener is left out, as Kafka leaves it out of Metadata.
 */
import type { BrokerEndpoint } from './broker-services.ts';

/** `broker` with the host/port of its `listenerName` listener, or undefined when it has none. */
export function endpointOn(broker: BrokerEndpoint, listenerName: string): BrokerEndpoint | undefined {
  const address = broker.listeners.get(listenerName);
  if (!address) return undefined;
  return { id: broker.id, host: address.host, port: address.port, rack: broker.rack, listeners: broker.listeners };
}
