/**
 * The small admin client inlined in Kafka 3.9's `BrokerApiVersionsCommand` (logged as
 * `[LegacyAdminClient clientId=admin-1] `): Metadata from the first bootstrap node that answers, then
 * ApiVersions from every broker the answer lists.
 *
 * Unlike the full admin client it does not retry: a bootstrap node that cannot be reached fails at
 * once (NetworkClient's WARN line, then the next node), and when none answers the command dies with
 * `Request METADATA failed on brokers List(...)`. Java's `Cluster` shuffles its node list
 * (`Collections.shuffle`), so the bootstrap order tried and the order brokers are printed in differ
 * from run to run; so do they here.
 */
import type { OutputStream } from '../../command.ts';
import type { ToolEnvironment } from '../../tool-environment.ts';
import { API_KEYS } from '../../../cluster/kafka/protocol/index.ts';
import type { ApiVersion } from '../../../cluster/kafka/protocol/index.ts';
import { NetworkClientWarnings } from '../kafka/network-client-warnings.ts';
import type { BrokerConnection } from '../kafka/broker-connection.ts';
import { NodeConnections } from '../kafka/node-connections.ts';

export interface LegacyNode {
  readonly id: number;
  readonly host: string;
  readonly port: number;
  readonly rack: string | null;
}

/** Java's `Node#toString()`: `localhost:9092 (id: 1 rack: null)`. */
export function nodeText(node: LegacyNode): string {
  return `${node.host}:${node.port} (id: ${node.id} rack: ${node.rack})`;
}

/** No bootstrap node answered Metadata: `Request METADATA failed on brokers List(...)`. */
export class AllBootstrapNodesFailedError extends Error {
  constructor(nodes: readonly LegacyNode[]) {
    super(`Request METADATA failed on brokers List(${nodes.map(nodeText).join(', ')})`);
    this.name = 'AllBootstrapNodesFailedError';
  }
}

/** A broker's ApiVersions, or why it could not be had (`ERROR: <Throwable#toString()>`). */
export type BrokerVersionInfo = { readonly ok: true; readonly apiVersions: ApiVersion[] } | { readonly ok: false; readonly error: string };

const DISCONNECT = 'org.apache.kafka.common.errors.DisconnectException';

export interface LegacyAdminClientOptions {
  readonly env: ToolEnvironment;
  readonly stderr: OutputStream;
  readonly bootstrap: ReadonlyArray<{ host: string; port: number }>;
  /** `request.timeout.ms` (this client's default: 5000). */
  readonly requestTimeoutMs: number;
  readonly clientId: string;
  /** Stands in for `Collections.shuffle`'s randomness (tests pass a fixed one). */
  readonly random?: () => number;
}

export class LegacyAdminClient {
  readonly #options: LegacyAdminClientOptions;
  readonly #warnings: NetworkClientWarnings;
  readonly #connections: NodeConnections;
  readonly #bootstrapNodes: LegacyNode[];

  constructor(options: LegacyAdminClientOptions) {
    this.#options = options;
    const addresses = options.bootstrap.map(({ host, port }) => `${host}:${port}`);
    const warnings = new NetworkClientWarnings(options.env, options.stderr, `[LegacyAdminClient clientId=${options.clientId}] `, addresses);
    this.#connections = new NodeConnections({ transport: options.env.transport, warnings, connection: { clientId: options.clientId, requestTimeoutMs: options.requestTimeoutMs } });
    this.#warnings = warnings;
    const nodes = options.bootstrap.map(({ host, port }, index) => ({ id: -(index + 1), host, port, rack: null }));
    this.#bootstrapNodes = this.#shuffled(nodes);
  }

  /** Every broker of one Metadata answer, in `Cluster`'s shuffled order. */
  async findAllBrokers(): Promise<LegacyNode[]> {
    for (const node of this.#bootstrapNodes) {
      const connection = await this.#connect(node);
      if (!connection) continue;
      // v1..6 carry what this needs (node id, host, port, rack).
      const version = connection.usableVersion(API_KEYS.Metadata, 6);
      if (version === undefined) continue;
      try {
        // `MetadataRequest.Builder.allTopics()`: null topics (v1+), as the Java tool asks.
        const answer = await connection.request(API_KEYS.Metadata, version, { topics: version >= 1 ? null : [] }, this.#options.requestTimeoutMs);
        const brokers = answer.brokers.map((broker) => ({ id: broker.nodeId, host: broker.host, port: broker.port, rack: broker.rack ?? null }));
        this.#warnings.learnBrokers(answer.brokers);
        return this.#shuffled(brokers);
      } catch {
        // Java logs this at debug level and tries the next bootstrap node.
      }
    }
    throw new AllBootstrapNodesFailedError(this.#bootstrapNodes);
  }

  /** ApiVersions of one broker, over its own connection (a new node id is a new connection in Java). */
  async brokerVersionInfo(node: LegacyNode): Promise<BrokerVersionInfo> {
    const connection = await this.#connect(node);
    if (!connection) return { ok: false, error: DISCONNECT };
    return { ok: true, apiVersions: connection.apiVersions };
  }

  close(): void {
    this.#connections.close();
  }

  /** A new node id is a new connection in Java, even to an address already connected. */
  #connect(node: LegacyNode): Promise<BrokerConnection | undefined> {
    return this.#connections.connect(node, String(node.id));
  }

  /** `Collections.shuffle`: Fisher-Yates from the end. */
  #shuffled<T>(items: T[]): T[] {
    const random = this.#options.random ?? Math.random;
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}
