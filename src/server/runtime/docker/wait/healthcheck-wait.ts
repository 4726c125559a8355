/**
 * Ready when the service's compose healthcheck passes. The engine's own verdict counts when it has one
 * (`State.Health.Status: healthy`); otherwise the runtime runs the healthcheck's test itself in the
 * container, as the engine would: podman runs healthchecks from systemd timers, so without systemd it
 * never does, and a `service_healthy` dependency would wait for ever.
 */
import type Docker from 'dockerode';
import { execInContainer, healthcheckCommand } from '../container-exec.ts';
import type { WaitStrategy } from './wait-strategy.ts';

export interface Healthcheck {
  test: string[];
  timeoutMs: number;
}

export function healthcheckWait(name: string, container: Docker.Container, healthcheck: Healthcheck, onResult?: (healthy: boolean) => void): WaitStrategy {
  const command = healthcheckCommand(healthcheck.test);
  return {
    description: `${name}'s healthcheck \`${healthcheck.test.slice(1).join(' ')}\``,
    async probe() {
      const info = await container.inspect();
      if (!info.State.Running) return { ready: false, saw: `${name} is ${info.State.Status}` };
      if (info.State.Health?.Status === 'healthy') return { ready: true, saw: 'healthy' };
      if (!command) return { ready: true, saw: 'no healthcheck test' };
      const result = await execInContainer(container, command, Math.max(healthcheck.timeoutMs, 1000));
      onResult?.(result.exitCode === 0);
      return { ready: result.exitCode === 0, saw: `exit code ${result.exitCode}${result.output.trim() ? `: ${result.output.trim().slice(0, 200)}` : ''}` };
    },
  };
}
