/**
 * The Docker runtime's terminal is a shell in a container on this machine's network: the server offers it
 * only to pages on this machine. A server listening on every interface (`--allow-remote`, a workshop)
 * refuses it with the reason, and still gives the embedded runtime's lab shell (which reaches only the
 * cluster's ports). The Docker side is the switch tests' fake runtime (an embedded cluster that reports
 * itself as docker): the refusal comes before any engine call.
 */
import { afterEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { ClusterRuntime } from '../../src/server/runtime/cluster-runtime.ts';
import { AllowedHosts } from '../../src/server/security/allowed-hosts.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { FakeDockerRuntime } from './support/fake-docker-runtime.ts';
import { TerminalClient } from './support/terminal-client.ts';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function serve(runtime: ClusterRuntime, host: string): Promise<number> {
  app = await buildApp({ runtime, version: 'test', allowedHosts: AllowedHosts.forBinding(host) });
  await app.listen({ host, port: 0 });
  return (app.server.address() as { port: number }).port;
}

it('refuses the Docker runtime’s container shell on a server that listens beyond loopback, saying why', async () => {
  const port = await serve(new FakeDockerRuntime({}), '0.0.0.0');
  const client = await TerminalClient.open(port);
  client.send({ type: 'attach', cols: 80, rows: 24 });
  const error = await client.waitForMessage('error');
  expect(error.message).toMatch(/Docker runtime the terminal is a shell on this machine’s network, offered only when the course server listens on loopback \(not with --allow-remote\)/);
  expect((await client.closed).code).toBe(1011);
});

it('gives the lab shell on the same kind of server with the embedded runtime, and the container shell on loopback', async () => {
  const port = await serve(new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] }), '0.0.0.0');
  const shell = await TerminalClient.attach(port);
  shell.socket.close();
  await app!.close();
  const fake = new FakeDockerRuntime({});
  const loopbackPort = await serve(fake, '127.0.0.1');
  const docker = await TerminalClient.attach(loopbackPort);
  expect(docker.session).toMatch(/\S/);
  docker.socket.close();
});
