/** A loopback port nothing listens on, for a server that refuses connections (bound on port 0, then closed). */
import { TcpTransport } from '../../cluster/transport/tcp-transport.ts';
import type { Transport } from '../../cluster/transport/transport.ts';

export async function deadPort(transport: Transport = new TcpTransport()): Promise<number> {
  const listener = await transport.listen('127.0.0.1', 0, () => {});
  const { port } = listener;
  await listener.close();
  return port;
}
