/**
 * `/latest_producer_id_block`: the last block of producer ids handed to a broker (Kafka's
 * `ProducerIdBlockZNode` in core/src/main/scala/kafka/zk/ZkData.scala), e.g.
 * `{"version":1,"broker":1,"block_start":"0","block_end":"999"}` (the ids are strings: they are longs).
 * The znode exists from startup with no data (`persistentZkPaths`) until the first block is taken.
 */
export const PRODUCER_ID_BLOCK_PATH = '/latest_producer_id_block';
/** `ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE`. */
export const PRODUCER_ID_BLOCK_SIZE = 1000n;
const MAX_LONG = 0x7fffffffffffffffn;

export interface ProducerIdBlock {
  readonly broker: number;
  readonly blockStart: bigint;
  readonly blockEnd: bigint;
}

export function encodeProducerIdBlock(block: ProducerIdBlock): Uint8Array {
  const json = JSON.stringify({ version: 1, broker: block.broker, block_start: String(block.blockStart), block_end: String(block.blockEnd) });
  return new TextEncoder().encode(json);
}

/** The block in the znode's data, or null when no block was taken yet (empty data). */
export function decodeProducerIdBlock(data: Uint8Array | null): ProducerIdBlock | null {
  if (!data || data.length === 0) return null;
  const text = new TextDecoder().decode(data);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${PRODUCER_ID_BLOCK_PATH} holds ${text}, not JSON; expected {"version":1,"broker":<id>,"block_start":"<n>","block_end":"<n>"}`);
  }
  const { broker, block_start: start, block_end: end } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof broker !== 'number' || typeof start !== 'string' || typeof end !== 'string' || !/^\d+$/.test(start) || !/^\d+$/.test(end)) {
    throw new Error(`${PRODUCER_ID_BLOCK_PATH} holds ${text}; expected {"version":1,"broker":<id>,"block_start":"<n>","block_end":"<n>"}`);
  }
  return { broker, blockStart: BigInt(start), blockEnd: BigInt(end) };
}

/** The block after `previous` (the first block starts at 0), for `broker`. */
export function nextProducerIdBlock(previous: ProducerIdBlock | null, broker: number): ProducerIdBlock {
  const blockStart = previous ? previous.blockEnd + 1n : 0n;
  if (blockStart > MAX_LONG - PRODUCER_ID_BLOCK_SIZE) {
    throw new Error(`Exhausted all producerIds (the current block ends at ${previous?.blockEnd})`);
  }
  return { broker, blockStart, blockEnd: blockStart + PRODUCER_ID_BLOCK_SIZE - 1n };
}
