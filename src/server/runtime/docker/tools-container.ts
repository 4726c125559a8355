/**
 * Where the page's terminal runs on the Docker runtime: a container of the brokers' image (Confluent's
 * cp-kafka, or the kafkalab image) that the runtime adds beside the stack, on the HOST's network. The
 * learner gets the image's real tools (`kafka-topics`, `kafka-console-producer`, `zookeeper-shell`, `nc`)
 * in a real shell, and `localhost:19092` means there what it means in the lessons and on the learner's
 * own machine: the published ports. (Inside a broker's container, `localhost:29092` would not reach
 * kafka-2: the EXTERNAL listeners advertise addresses meant for the host.) It is a container, never a host
 * shell. It carries the project's labels as a one-off container (as `docker compose run` makes them), so
 * `down` removes it and `docker compose ps` does not list it as a service.
 */
import type Docker from 'dockerode';
import type { TerminalSession, TerminalSize } from '../../../terminal/terminal-session.ts';
import type { ComposePlan } from './compose/compose-plan.ts';
import { ContainerTerminal } from './container-terminal.ts';
import { MANAGED_LABEL } from './stack-resources.ts';

export const TOOLS_CONTAINER = 'kafkalab-shell';

export async function openToolsTerminal(docker: Docker, plan: ComposePlan, size: TerminalSize, controlUrl?: string): Promise<TerminalSession> {
  const image = (plan.services.find((service) => 'KAFKA_BROKER_ID' in service.environment) ?? plan.services[0]).image;
  const container = await ensureToolsContainer(docker, plan.project, image);
  // KAFKALAB_API: where the kafkalab image's `kafkalab stop kafka-2` finds the page's cluster controls.
  const env = ['PS1=[\\u@kafkalab-shell \\W]\\$ ', ...(controlUrl ? [`KAFKALAB_API=${controlUrl}`] : [])];
  return ContainerTerminal.open(container, { cmd: ['/bin/bash'], size, env });
}

async function ensureToolsContainer(docker: Docker, project: string, image: string): Promise<Docker.Container> {
  const container = docker.getContainer(TOOLS_CONTAINER);
  const existing = await container.inspect().catch(() => null);
  if (existing && existing.Config.Labels?.[MANAGED_LABEL] === 'true' && existing.Config.Image === image) {
    if (!existing.State.Running) await container.start();
    return container;
  }
  if (existing && existing.Config.Labels?.[MANAGED_LABEL] === 'true') await container.remove({ force: true });
  const created = await docker.createContainer({
    name: TOOLS_CONTAINER,
    Image: image,
    Hostname: TOOLS_CONTAINER,
    // Stays up doing nothing, and ends at once on `docker stop`.
    Entrypoint: ['/bin/sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 3600 & wait $!; done'],
    Cmd: [],
    Labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': TOOLS_CONTAINER,
      'com.docker.compose.oneoff': 'True',
      [MANAGED_LABEL]: 'true',
    },
    HostConfig: { NetworkMode: 'host', Init: false },
  });
  await created.start();
  return created;
}
