/**
 * For tests that need a real Docker-compatible engine (podman's Docker API in CI), the same rule as
 * tests/support/peers.ts: the engine answers → the tests run; no engine under `CI=true` → the suite
 * fails before its hooks run; no engine elsewhere → the suite is skipped with the reason, which the
 * summary reporter prints. The engine is found as kafkalab finds it (DOCKER_HOST first).
 *
 *   const engine = await testEngine();
 *   describeWithEngine(engine, 'image builds', () => { ... engine.current().docker ... });
 */
import { beforeAll, describe } from 'vitest';
import { discoverEngine } from '../discover-engine.ts';
import type { DockerEngine, EngineDiscovery } from '../docker-engine.ts';

declare module 'vitest' {
  interface TaskMeta {
    skipReason?: string;
  }
}

export interface TestEngine {
  discovery: EngineDiscovery;
  /** The engine; only called inside a suite that runs. */
  current(): DockerEngine;
}

export async function testEngine(env: NodeJS.ProcessEnv = process.env): Promise<TestEngine> {
  const discovery = await discoverEngine(env, { timeoutMs: 3000 });
  return {
    discovery,
    current: () => {
      if (!discovery.engine) throw new Error(noEngineReason(discovery));
      return discovery.engine;
    },
  };
}

export function noEngineReason(discovery: EngineDiscovery): string {
  const first = discovery.tried[0];
  return `no Docker-compatible engine answered${first ? ` (${first.source} ${first.endpoint}: ${first.error})` : ''}: set DOCKER_HOST to a Docker or podman socket (.ci/run starts podman's)`;
}

export function describeWithEngine(engine: TestEngine, name: string, fn: () => void): void {
  if (engine.discovery.engine) {
    describe(name, fn);
    return;
  }
  const reason = noEngineReason(engine.discovery);
  if (process.env.CI !== 'true') {
    describe(name, { skip: true, meta: { skipReason: reason } }, fn);
    return;
  }
  describe(name, () => {
    beforeAll(() => {
      throw new Error(reason);
    });
    fn();
  });
}
