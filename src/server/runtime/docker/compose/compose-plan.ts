import { basename, dirname, isAbsolute } from 'node:path';
import type Docker from 'dockerode';
import { ComposeFileError } from './compose-file-error.ts';
import { composeLabel, containerLabels, projectLabels } from './compose-labels.ts';
import { parseComposeYaml } from './compose-yaml.ts';
import { configHash } from './config-hash.ts';
import { containerCreateOptions } from './container-create.ts';
import { dependsOnLabel, startOrder, type DependencyCondition } from './depends-on.ts';
import type { Healthcheck } from './healthcheck.ts';
import { mappingOrListEntries } from './mapping-or-list.ts';
import { normaliseService, type NormalisedService } from './normalise-service.ts';
import type { PortMapping } from './port-mappings.ts';
import { resolveProjectName } from './project-name.ts';
import type { VolumeMount } from './service-volumes.ts';
import { selectServices } from './service-selection.ts';
import { staticSubnet, type StaticSubnet } from './static-addresses.ts';
import { validateComposeFile } from './validate-compose-file.ts';

export { ComposeFileError } from './compose-file-error.ts';
export { composeLabel, COMPOSE_VERSION, MANAGED_LABEL } from './compose-labels.ts';

export interface ComposePlanOptions {
  /** Variables for ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $VAR, $$ (process.env). Compose would also read a .env file; kafkalab does not. */
  env: Record<string, string | undefined>;
  /** Absolute path of the compose file (label com.docker.compose.project.config_files; its directory is the working_dir label). */
  configFile: string;
  /**
   * The project name, as `docker compose -p` gives it. Without it, Compose's precedence:
   * COMPOSE_PROJECT_NAME, else the file's `name:`, else the directory's name.
   */
  projectName?: string;
  /** Services to leave out (`--without akhq`); leaving out one that a kept service depends on is an error saying so. */
  without?: string[];
  /** Active profiles (services with `profiles:` run only when one is active, as Compose; "*" activates all). */
  profiles?: string[];
  /** Host address published ports bind when the file names none (Compose binds all interfaces; kafkalab defaults to 127.0.0.1: the cluster is for this machine only). */
  publishHost?: string;
  /**
   * Give every container a fixed address in this IPv4 subnet (`172.30.57.0/24`) and /etc/hosts entries
   * (ExtraHosts) for every other service's name, hostname and container_name. Podman's DNS on a bridge
   * network is slow and flaky for ZooKeeper (peers keep dialling old addresses), so the runtime uses this
   * there; Compose would express it with networks.default.ipam + ipv4_address.
   */
  staticAddresses?: { subnet: string };
}

export interface ComposePlan {
  project: string;
  /** The compose file's directory (label com.docker.compose.project.working_dir). */
  workingDir: string;
  network: { name: string; create: Docker.NetworkCreateOptions };
  /** The named volumes the kept services mount, in the file's order (Compose creates no unused ones). */
  volumes: Array<{ name: string; create: Docker.VolumeCreateOptions }>;
  /** Kept services in start order: every service after the services it depends on (depends_on). */
  services: ServicePlan[];
  /** Services left out (without/profiles), with why, for the page and `kafkalab doctor`. */
  omitted: Array<{ service: string; reason: string }>;
  /** What Compose would warn about: unset variables, the obsolete `version:`, ignored dependencies. */
  warnings: string[];
}

export interface ServicePlan {
  service: string;
  /** container_name, else `${project}-${service}-1` (Compose v2). */
  containerName: string;
  image: string;
  hostname?: string;
  /** Only dependencies on kept services (a left-out `required: false` one is dropped). */
  dependsOn: Array<{ service: string; condition: DependencyCondition }>;
  /** The engine's defaults filled in; absent when the file has none or disables it. */
  healthcheck?: Healthcheck;
  ports: PortMapping[];
  environment: Record<string, string>;
  /** Named volumes by their key in the file; `create.HostConfig.Mounts` has the engine names. */
  mounts: VolumeMount[];
  /** The fixed IPv4 address, with staticAddresses. */
  address?: string;
  /** What to pass to docker.createContainer. */
  create: Docker.ContainerCreateOptions;
}

/**
 * Translates a docker-compose.yml into what Docker Compose v2 (2.32) would create for `up`: the
 * project network, the named volumes and one container per service, with Compose's names and labels,
 * so that `docker compose -p <project> ps` lists them. Pure: reads no file and talks to no engine.
 * Anything the file says that this translation does not implement is a ComposeFileError, never ignored.
 */
export function planCompose(yamlText: string, options: ComposePlanOptions): ComposePlan {
  const file = basename(options.configFile);
  const yaml = parseComposeYaml(yamlText, file);
  try {
    return plan(yaml.value, options);
  } catch (error) {
    if (error instanceof ComposeFileError && error.file === undefined) throw error.locatedAt(file, yaml.lineOf(error.path));
    throw error;
  }
}

function plan(raw: Record<string, unknown>, options: ComposePlanOptions): ComposePlan {
  if (!isAbsolute(options.configFile)) throw new TypeError(`planCompose: configFile must be an absolute path, not ${JSON.stringify(options.configFile)}`);
  const warnings: string[] = [];
  const composeFile = validateComposeFile(raw, { env: options.env, warnings });
  if (composeFile.version !== undefined) warnings.push('the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion');

  const project = resolveProjectName({ explicit: options.projectName, env: options.env, nameInFile: composeFile.name, configFile: options.configFile });
  const workingDir = dirname(options.configFile);
  const declaredVolumes = composeFile.volumes ?? {};
  const context = { project, publishHost: options.publishHost ?? '127.0.0.1', declaredVolumes: new Set(Object.keys(declaredVolumes)), env: options.env };
  const all = Object.entries(composeFile.services).map(([name, syntax]) => normaliseService(name, syntax, context));

  const selection = selectServices(all, { without: options.without ?? [], profiles: options.profiles ?? [] });
  warnings.push(...selection.warnings);
  const kept = all.filter(({ service }) => selection.kept.has(service)).map((service) => ({ ...service, dependsOn: selection.kept.get(service.service) ?? [] }));
  refuseUnreachableHealth(kept);
  refuseDuplicateContainerNames(kept);
  const order = startOrder(kept);

  const network = `${project}_default`;
  const subnet = options.staticAddresses ? staticSubnet(options.staticAddresses.subnet, all.length) : undefined;
  const addresses = new Map(subnet ? all.map(({ service }, position) => [service, subnet.addressOf(position)]) : []);

  const used = new Set(kept.flatMap((service) => service.mounts.map((mount) => mount.volume)));
  const volumeNames = new Map(Object.entries(declaredVolumes).map(([key, volume]) => [key, volume?.name ?? `${project}_${key}`]));
  const volumes = Object.entries(declaredVolumes)
    .filter(([key]) => used.has(key))
    .map(([key, volume]) => {
      const name = volumeNames.get(key) as string;
      const create: Docker.VolumeCreateOptions = { Name: name, Driver: volume?.driver ?? 'local' };
      if (volume?.driver_opts) create.DriverOpts = Object.fromEntries(Object.entries(volume.driver_opts).map(([option, value]) => [option, String(value)]));
      const own = volume?.labels ? Object.fromEntries([...mappingOrListEntries(volume.labels, ['volumes', key, 'labels'])].map(([label, value]) => [label, value ?? ''])) : {};
      create.Labels = { ...own, ...projectLabels(project), [composeLabel.volume]: key, [composeLabel.configHash]: configHash({ ...create, Labels: own }) };
      return { name, create };
    });

  const byName = new Map(kept.map((service) => [service.service, service]));
  const services = order.map((name) => {
    const service = byName.get(name) as NormalisedService;
    const address = addresses.get(name);
    const hash = configHash({ ...service, dependsOn: undefined, profiles: undefined, address });
    const create = containerCreateOptions(service, {
      network,
      volumeNames,
      address,
      extraHosts: subnet ? extraHosts(service, kept, addresses) : undefined,
      labels: containerLabels({ project, service: name, configFile: options.configFile, workingDir, configHash: hash, dependsOn: dependsOnLabel(service.dependsOn) }),
    });
    const servicePlan: ServicePlan = {
      service: name,
      containerName: service.containerName,
      image: service.image,
      dependsOn: service.dependsOn.map(({ service: dependency, condition }) => ({ service: dependency, condition })),
      ports: service.ports,
      environment: service.environment,
      mounts: service.mounts,
      create,
    };
    if (service.hostname !== undefined) servicePlan.hostname = service.hostname;
    if (service.healthcheck) servicePlan.healthcheck = service.healthcheck;
    if (address !== undefined) servicePlan.address = address;
    return servicePlan;
  });

  return {
    project,
    workingDir,
    network: { name: network, create: networkCreateOptions(network, project, subnet) },
    volumes,
    services,
    omitted: selection.omitted,
    warnings,
  };
}

/** The project's one network, bridge, as Compose creates `<project>_default` (with a fixed subnet for staticAddresses). */
function networkCreateOptions(name: string, project: string, subnet: StaticSubnet | undefined): Docker.NetworkCreateOptions {
  const create: Docker.NetworkCreateOptions = { Name: name, Driver: 'bridge' };
  if (subnet) create.IPAM = { Driver: 'default', Config: [{ Subnet: subnet.subnet, Gateway: subnet.gateway }] };
  create.Labels = { ...projectLabels(project), [composeLabel.network]: 'default', [composeLabel.configHash]: configHash(create) };
  return create;
}

/** /etc/hosts lines naming every other kept service by its service name, hostname and container name. */
function extraHosts(self: NormalisedService, kept: readonly NormalisedService[], addresses: ReadonlyMap<string, string>): string[] {
  return kept
    .filter((other) => other.service !== self.service)
    .flatMap((other) => [...new Set([other.service, other.hostname, other.containerName].filter((name) => name !== undefined))].map((name) => `${name}:${addresses.get(other.service)}`));
}

/** Waiting for a service to be healthy whose healthcheck is switched off would wait for ever. */
function refuseUnreachableHealth(kept: readonly NormalisedService[]): void {
  const byName = new Map(kept.map((service) => [service.service, service]));
  for (const service of kept) {
    for (const dependency of service.dependsOn) {
      const target = byName.get(dependency.service);
      if (dependency.condition === 'service_healthy' && target?.engineHealthcheck?.Test?.[0] === 'NONE') {
        throw new ComposeFileError(
          ['services', service.service, 'depends_on', dependency.service],
          `${service.service} waits for ${dependency.service} to be healthy, but ${dependency.service}'s healthcheck is disabled`,
          `Give ${dependency.service} a healthcheck, or depend on it with condition: service_started.`,
        );
      }
    }
  }
}

function refuseDuplicateContainerNames(kept: readonly NormalisedService[]): void {
  const owner = new Map<string, string>();
  for (const { service, containerName } of kept) {
    const other = owner.get(containerName);
    if (other !== undefined) {
      throw new ComposeFileError(['services', service, 'container_name'], `container name ${containerName} is already ${other}'s`, 'Give each service its own container_name.');
    }
    owner.set(containerName, service);
  }
}
