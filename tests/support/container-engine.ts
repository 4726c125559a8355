/**
 * The Docker-compatible engine the Docker runtime's tests need, gated like the other real peers
 * (tests/support/peers.ts): the engine answers → the tests run; none answers under `CI=true` → the suite
 * fails before its hooks ("no Docker-compatible engine answered ..."); elsewhere → the suite is skipped
 * with that sentence as its reason, which the summary reporter prints.
 *
 * The engine is DOCKER_HOST's (CI: podman's API, from scripts/podman-engine.sh), else the default socket.
 * `courseImageEnv()` builds the course's local images when their inputs changed (cached otherwise) and
 * returns the variables that make docker-compose.yml use them.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe } from 'vitest';
import Docker from 'dockerode';

const endpoint = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';

function engineAnswers(): boolean {
  if (!endpoint.startsWith('unix://')) return false;
  const result = spawnSync('curl', ['-fsS', '--max-time', '3', '--unix-socket', endpoint.slice('unix://'.length), 'http://d/_ping'], { encoding: 'utf8', timeout: 5000 });
  return result.status === 0 && result.stdout.trim() === 'OK';
}

export const ENGINE_MISSING = `no Docker-compatible engine answered at ${endpoint}: start one (podman: export DOCKER_HOST=$(sh scripts/podman-engine.sh)), or run Docker`;

/** dockerode on the engine the tests use. */
export function testDocker(): Docker {
  return endpoint.startsWith('unix://') ? new Docker({ socketPath: endpoint.slice('unix://'.length) }) : new Docker();
}

/** `describe` for tests that need the engine; see the file comment for what happens without one. */
export function describeWithEngine(name: string, fn: () => void): void {
  if (engineAnswers()) {
    describe(name, fn);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      beforeAll(() => {
        throw new Error(ENGINE_MISSING);
      });
      fn();
    });
  } else {
    describe(name, { skip: true, meta: { skipReason: ENGINE_MISSING } }, fn);
  }
}
