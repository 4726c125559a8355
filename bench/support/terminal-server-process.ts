/**
 * The course server as `kafkalab start` runs it (embedded runtime with its cluster up, the app with the
 * terminal route), alone in a fresh Node process on free ports, for bench/terminal.bench.ts. Prints a
 * `ready` JSON line, then answers JSON commands: `memory`, `gc` (a full GC, then `memory`), `watch`
 * (start sampling memory every 20 ms), `peak` (stop sampling; the highest RSS and heap seen) and `run`
 * (runs a lab command line's words in this process without a terminal, its output dropped: seconds).
 */
import { buildApp } from '../../src/server/app.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { labCommandRegistry } from '../../src/terminal/lab-commands.ts';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { collectGarbage, serveJsonCommands } from './json-child.ts';

const runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
const status = await runtime.up();
const app = await buildApp({ runtime, version: 'bench' });
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;
process.stdout.write(JSON.stringify({ port, bootstrap: status.connections.bootstrapServers.split(',') }) + '\n');

const memory = () => {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
};
let peak = { rss: 0, heapUsed: 0 };
let sampler: ReturnType<typeof setInterval> | null = null;

serveJsonCommands(
  async (command) => {
    if (command.cmd === 'memory') return memory();
    if (command.cmd === 'gc') {
      await collectGarbage();
      return memory();
    }
    if (command.cmd === 'watch') {
      peak = memory();
      sampler = setInterval(() => {
        const now = memory();
        peak = { rss: Math.max(peak.rss, now.rss), heapUsed: Math.max(peak.heapUsed, now.heapUsed) };
      }, 20);
      return peak;
    }
    if (command.cmd === 'peak') {
      if (sampler) clearInterval(sampler);
      sampler = null;
      return peak;
    }
    if (command.cmd === 'run') {
      const [name, ...args] = command.argv as string[];
      const started = performance.now();
      const run = await runCommand(labCommandRegistry().find(name)!, args, { env: testToolEnvironment(), onOutput: () => {} });
      return { seconds: (performance.now() - started) / 1000, exitCode: run.exitCode, stderr: run.stderr.slice(-500) };
    }
    throw new Error(`unknown command ${JSON.stringify(command)}`);
  },
  async () => {
    await app.close();
    await runtime[Symbol.asyncDispose]();
  },
);
