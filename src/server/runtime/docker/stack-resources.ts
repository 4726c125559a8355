/**
 * The Docker objects of a compose plan: the project's network, its named volumes and one container per
 * service, made as Docker Compose makes them (its labels, so `docker compose -p kafkalab ps` lists them)
 * and found again by those labels. Only what carries the project's label and kafkalab's own
 * (`dev.kafkalab.managed=true`) is ever removed.
 */
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { ApiError } from '../../http-error.ts';
import type { ComposePlan, ServicePlan } from './compose/compose-plan.ts';

export const MANAGED_LABEL = 'dev.kafkalab.managed';
/** A hash of everything the container was created with: when the plan changes, the container is recreated. */
export const SPEC_HASH_LABEL = 'dev.kafkalab.spec-hash';
const PROJECT_LABEL = 'com.docker.compose.project';

export function projectFilter(project: string): Record<string, string[]> {
  return { label: [`${PROJECT_LABEL}=${project}`, `${MANAGED_LABEL}=true`] };
}

export async function ensureNetwork(docker: Docker, plan: ComposePlan): Promise<void> {
  const found = async () => (await docker.listNetworks({ filters: JSON.stringify({ name: [plan.network.name] }) })).find((network) => network.Name === plan.network.name);
  const check = (network: Docker.NetworkInspectInfo) => {
    if (network.Labels?.[PROJECT_LABEL] !== plan.project) throw foreign('network', plan.network.name, `docker network rm ${plan.network.name}`);
  };
  const existing = await found();
  if (existing) return check(existing);
  try {
    await docker.createNetwork(plan.network.create);
  } catch (error) {
    // Made meanwhile (an engine that lists it a moment late): fine if it is ours.
    const made = (error as { statusCode?: number }).statusCode === 409 ? await found() : undefined;
    if (!made) throw error;
    check(made);
  }
}

export async function ensureVolumes(docker: Docker, plan: ComposePlan): Promise<void> {
  for (const volume of plan.volumes) {
    const existing = await docker.getVolume(volume.name).inspect().catch(() => null);
    if (existing) {
      if (existing.Labels?.[PROJECT_LABEL] !== plan.project) throw foreign('volume', volume.name, `docker volume rm ${volume.name}`);
      continue;
    }
    await docker.createVolume(volume.create);
  }
}

/** The service's container, created (or recreated, when its plan changed) and started. */
export async function ensureContainer(docker: Docker, plan: ComposePlan, service: ServicePlan): Promise<Docker.Container> {
  const hash = specHash(service);
  const container = docker.getContainer(service.containerName);
  const existing = await container.inspect().catch(() => null);
  if (existing) {
    const labels = existing.Config.Labels ?? {};
    if (labels[PROJECT_LABEL] !== plan.project || labels[MANAGED_LABEL] !== 'true') throw foreign('container', service.containerName, `docker rm -f ${service.containerName}`);
    if (labels[SPEC_HASH_LABEL] === hash) {
      if (!existing.State.Running) await container.start();
      return container;
    }
    await container.remove({ force: true });
  }
  const created = await docker.createContainer({ ...service.create, Labels: { ...service.create.Labels, [SPEC_HASH_LABEL]: hash } });
  await created.start();
  return created;
}

export function specHash(service: ServicePlan): string {
  return createHash('sha256').update(JSON.stringify(service.create)).digest('hex').slice(0, 16);
}

/**
 * Stops and removes the project's containers (in reverse start order, as `docker compose down`), then its
 * networks, and its volumes when asked (`down -v`). Returns what it removed.
 */
export async function removeStack(docker: Docker, project: string, startOrder: string[], options: { volumes: boolean }): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const filters = JSON.stringify(projectFilter(project));
  const containers = await docker.listContainers({ all: true, filters });
  const rank = (info: Docker.ContainerInfo) => startOrder.indexOf(info.Labels['com.docker.compose.service'] ?? '');
  containers.sort((a, b) => rank(b) - rank(a));
  const removed = { containers: [] as string[], networks: [] as string[], volumes: [] as string[] };
  for (const info of containers) {
    const container = docker.getContainer(info.Id);
    if (info.State === 'running') await container.stop({ t: 10 }).catch(ignore(304, 404));
    // Gone already (removed by another call, or by the engine) is what was wanted.
    await container.remove({ force: true, v: false }).catch(ignore(404));
    removed.containers.push(info.Names[0]?.replace(/^\//, '') ?? info.Id);
  }
  for (const network of await docker.listNetworks({ filters })) {
    await docker.getNetwork(network.Id).remove().catch(ignore(404));
    removed.networks.push(network.Name);
  }
  if (options.volumes) {
    const { Volumes } = await docker.listVolumes({ filters });
    for (const volume of Volumes ?? []) {
      await removeVolume(docker, project, volume.Name);
      removed.volumes.push(volume.Name);
    }
  }
  return removed;
}

/**
 * Removes a volume of the project. One still in use by a container of the project that the label listing
 * missed (made a moment before by an interrupted `up`) is freed by removing that container first; one used
 * by anything else is left to the engine's refusal.
 */
async function removeVolume(docker: Docker, project: string, name: string): Promise<void> {
  try {
    await docker.getVolume(name).remove();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return;
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
    const users = await docker.listContainers({ all: true, filters: JSON.stringify({ volume: [name] }) });
    const ours = users.filter((info) => info.Labels[PROJECT_LABEL] === project && info.Labels[MANAGED_LABEL] === 'true');
    if (ours.length === 0 || ours.length !== users.length) throw error;
    for (const info of ours) await docker.getContainer(info.Id).remove({ force: true }).catch(ignore(404));
    await docker.getVolume(name).remove().catch(ignore(404));
  }
}

/** An engine error with one of these HTTP statuses means the work is done already (304 not modified, 404 gone). */
function ignore(...statuses: number[]): (error: { statusCode?: number }) => void {
  return (error) => {
    if (!statuses.includes(error.statusCode ?? 0)) throw error;
  };
}

function foreign(kind: string, name: string, remove: string): ApiError {
  return new ApiError(
    'invalid_state',
    409,
    `A ${kind} called ${name} exists that kafkalab did not make (another \`docker compose up\`, or an older stack).`,
    `Stop what uses it (docker compose -p kafkalab down) or remove it (${remove}), then bring the cluster up again.`,
  );
}
