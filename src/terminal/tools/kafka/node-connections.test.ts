/**
 * Node connections over in-memory pipes: a stub broker that answers ApiVersions, and addresses where
 * nothing listens.
 */
import { describe, expect, it } from 'vitest';
import { API_KEYS, encodeResponseFrame } from '../../../cluster/kafka/protocol/index.ts';
import { MemoryTransport } from '../../../cluster/transport/memory-transport.ts';
import { testCommandContext } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { NetworkClientWarnings } from './network-client-warnings.ts';
import { NodeConnections } from './node-connections.ts';

const NOW = Date.UTC(2024, 10, 11, 2, 46, 50, 786);

/** A broker that answers every request as ApiVersions v0..2 (all it is asked here); counts its connections. */
async function stubBroker(transport: MemoryTransport, port: number) {
  let accepted = 0;
  await transport.listen('broker', port, (connection) => {
    accepted++;
    connection.onData((bytes) => {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const answer = { errorCode: 0, apiKeys: [{ apiKey: API_KEYS.ApiVersions, minVersion: 0, maxVersion: 2 }], throttleTimeMs: 0 };
      connection.write(encodeResponseFrame(API_KEYS.ApiVersions, view.getInt16(6), view.getInt32(8), answer));
    });
  });
  return { accepted: () => accepted };
}

function connections(transport: MemoryTransport) {
  const { context, stderr } = testCommandContext(['test'], { env: testToolEnvironment({ transport, now: NOW }) });
  const warnings = new NetworkClientWarnings(context.env, context.stderr, '[AdminClient clientId=adminclient-1] ', ['broker:9092', 'nowhere:9092']);
  return { nodes: new NodeConnections({ transport, warnings, connection: { clientId: 'adminclient-1', requestTimeoutMs: 1_000 } }), stderr };
}

describe('NodeConnections', () => {
  it('opens one connection per node, shared by callers that ask at the same time', async () => {
    const transport = new MemoryTransport();
    const broker = await stubBroker(transport, 9092);
    const { nodes, stderr } = connections(transport);
    const [first, second] = await Promise.all([nodes.connect({ host: 'broker', port: 9092 }), nodes.connect({ host: 'broker', port: 9092 })]);
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(nodes.open('broker:9092')).toBe(first);
    expect(broker.accepted()).toBe(1);
    expect(stderr()).toBe('');
    nodes.close();
    expect(first?.closed).toBe(true);
  });

  it("prints NetworkClient's WARN for a node that cannot be reached and backs off, doubling per failure", async () => {
    const transport = new MemoryTransport();
    const { nodes, stderr } = connections(transport);
    const before = Date.now();
    expect(await nodes.connect({ host: 'nowhere', port: 9092 })).toBeUndefined();
    expect(stderr()).toBe(
      '[2024-11-11 02:46:50,786] WARN [AdminClient clientId=adminclient-1] Connection to node -2 (nowhere/nowhere:9092) could not be established. Node may not be available. (org.apache.kafka.clients.NetworkClient)\n',
    );
    expect(nodes.nextAttemptAt('nowhere:9092')).toBeGreaterThanOrEqual(before + 50);
    expect(nodes.backoffMs('nowhere:9092')).toBe(50);
    await nodes.connect({ host: 'nowhere', port: 9092 });
    expect(nodes.backoffMs('nowhere:9092')).toBe(100);
  });

  it('connects and logs nothing once closed', async () => {
    const transport = new MemoryTransport();
    const broker = await stubBroker(transport, 9092);
    const { nodes, stderr } = connections(transport);
    nodes.close();
    expect(await nodes.connect({ host: 'broker', port: 9092 })).toBeUndefined();
    expect(await nodes.connect({ host: 'nowhere', port: 9092 })).toBeUndefined();
    expect(broker.accepted()).toBe(0);
    expect(stderr()).toBe('');
  });
});
