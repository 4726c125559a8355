/**
 * Where the page's terminal runs on the Docker runtime: a container of the brokers' image (Confluent's
 * cp-kafka, or the kafkalab image) that the runtime adds beside the stack, on the HOST's network. The
 * learner gets the image's real tools (`kafka-topics`, `kafka-console-producer`, `zookeeper-shell`, `nc`)
 * in a real shell, and `localhost:19092` means there what it means in the lessons and on the learner's
 * own machine: the published ports. (Inside a broker's container, `localhost:29092` would not reach
 * kafka-2: the EXTERNAL listeners advertise addresses meant for the host.) It carries the project's labels
 * as a one-off container (as `docker compose run` makes them), so `down` removes it and `docker compose ps`
 * does not list it as a service.
 *
 * It is a container, never a host shell, and a confined one: every capability dropped (no raw sockets, no
 * binding low ports, no changing the network), no privilege gain through setuid, bounded processes and
 * memory. On the host's network it can still reach this machine's loopback services, which is why the
 * server offers it only to pages on this machine (see terminal-route.ts).
 */
import type Docker from 'dockerode';
import type { TerminalSession, TerminalSize } from '../../../terminal/terminal-session.ts';
import type { ComposePlan } from './compose/compose-plan.ts';
import { ContainerTerminal } from './container-terminal.ts';
import { MANAGED_LABEL } from './stack-resources.ts';

export const TOOLS_CONTAINER = 'kafkalab-shell';
/** The image asked for, as given: engines store `Config.Image` qualified (podman: `docker.io/...`). */
const IMAGE_LABEL = 'dev.kafkalab.image';

/** Terminals opening at the same moment share one container (the second must not race the first's create). */
const pending = new WeakMap<Docker, Promise<Docker.Container>>();

export async function openToolsTerminal(docker: Docker, plan: ComposePlan, size: TerminalSize, controlUrl?: string): Promise<TerminalSession> {
  const image = (plan.services.find((service) => 'KAFKA_BROKER_ID' in service.environment) ?? plan.services[0]).image;
  let ensuring = pending.get(docker);
  if (!ensuring) {
    ensuring = ensureToolsContainer(docker, plan.project, image).finally(() => pending.delete(docker));
    pending.set(docker, ensuring);
  }
  const container = await ensuring;
  // KAFKALAB_API: where the kafkalab image's `kafkalab stop kafka-2` finds the page's cluster controls.
  const env = controlUrl ? [`KAFKALAB_API=${controlUrl}`] : [];
  return ContainerTerminal.open(container, { cmd: ['/bin/bash'], size, env });
}

async function ensureToolsContainer(docker: Docker, project: string, image: string): Promise<Docker.Container> {
  const container = docker.getContainer(TOOLS_CONTAINER);
  const existing = await container.inspect().catch(() => null);
  if (existing && existing.Config.Labels?.[MANAGED_LABEL] === 'true' && existing.Config.Labels?.[IMAGE_LABEL] === image) {
    if (!existing.State.Running) await container.start();
    return container;
  }
  // Another image (the stack switched images): a new container, which ends the shells of the old one.
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
      [IMAGE_LABEL]: image,
    },
    HostConfig: {
      NetworkMode: 'host',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      PidsLimit: 1024,
      // The Kafka tools of Confluent's image are JVMs: room for a few at once.
      Memory: 2 * 1024 ** 3,
    },
  });
  await created.start();
  return created;
}
