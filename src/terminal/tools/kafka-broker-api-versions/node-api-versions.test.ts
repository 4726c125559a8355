import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeApiVersionsText } from './node-api-versions.ts';
import type { ApiVersionRange } from './node-api-versions.ts';

/** The block a Kafka 3.9 ZooKeeper-mode broker gets (KAFKA_CLI.md section 8, identical to a 3.9.2 capture). */
const ZK_BROKER_BLOCK = readFileSync(new URL('./fixtures/zk-broker-3.9.txt', import.meta.url), 'utf8').replace(/\n$/, '');

/** What that broker advertises: the lines with a version range (UNSUPPORTED ones it does not list). */
function advertisedRanges(block: string): ApiVersionRange[] {
  return [...block.matchAll(/^\t\w+\((\d+)\): (\d+)(?: to (\d+))? \[usable/gm)].map((match) => ({
    apiKey: Number(match[1]),
    minVersion: Number(match[2]),
    maxVersion: Number(match[3] ?? match[2]),
  }));
}

describe('nodeApiVersionsText (NodeApiVersions.toString(true) of the 3.9 client)', () => {
  it("prints a 3.9 ZooKeeper-mode broker's answer exactly as the real tool does", () => {
    const ranges = advertisedRanges(ZK_BROKER_BLOCK);
    expect(ranges).toHaveLength(62);
    // The broker's answer may come in any order: the lines are by key.
    const shuffled = [...ranges].reverse();
    expect(`localhost:9092 (id: 0 rack: null) -> ${nodeApiVersionsText(shuffled)}`).toBe(ZK_BROKER_BLOCK);
  });

  it('marks a broker too old or too new for the client, and keys the client does not know', () => {
    const text = nodeApiVersionsText([
      { apiKey: 3, minVersion: 13, maxVersion: 14 },
      { apiKey: 99, minVersion: 0, maxVersion: 2 },
      { apiKey: 200, minVersion: 1, maxVersion: 1 },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('(');
    expect(lines.at(-1)).toBe(')');
    expect(lines).toContain('\tMetadata(3): 13 to 14 [unusable: node too new],');
    expect(lines).toContain('\tUNKNOWN(99): 0 to 2,');
    expect(lines.at(-2)).toBe('\tUNKNOWN(200): 1');
    expect(lines[1]).toBe('\tProduce(0): UNSUPPORTED,');
    // Controller-only APIs (Vote, BrokerRegistration) are no client APIs: never listed as UNSUPPORTED.
    expect(text).not.toContain('Vote(52)');
    expect(text).not.toContain('BrokerRegistration(62)');
  });

  it('shows the version the client would use: the lower of both maxima', () => {
    const text = nodeApiVersionsText([{ apiKey: 0, minVersion: 0, maxVersion: 7 }, { apiKey: 1, minVersion: 4, maxVersion: 99 }]);
    expect(text).toContain('\tProduce(0): 0 to 7 [usable: 7],');
    expect(text).toContain('\tFetch(1): 4 to 99 [usable: 17],');
  });
});
