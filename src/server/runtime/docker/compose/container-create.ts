import type Docker from 'dockerode';
import type { NormalisedService } from './normalise-service.ts';

/** What a service's container needs beyond its own config: the project's names, labels and addresses. */
export interface ContainerContext {
  network: string;
  /** Engine name of each volume key (`zookeeper-1-data` → `kafkalab_zookeeper-1-data`). */
  volumeNames: ReadonlyMap<string, string>;
  labels: Record<string, string>;
  /** Fixed IPv4 address on the network (staticAddresses). */
  address?: string;
  /** "name:address" lines for /etc/hosts (staticAddresses). */
  extraHosts?: string[];
}

/**
 * docker.createContainer's options for one service, laid out as Compose v2 lays them out
 * (pkg/compose/create.go getCreateConfigs): the port set and bindings keyed "PORT/PROTO", named
 * volumes as Mounts of type volume, the project network as NetworkMode and as the one endpoint, with
 * the container name and the service name as DNS aliases. Healthcheck durations are in nanoseconds.
 */
export function containerCreateOptions(service: NormalisedService, context: ContainerContext): Docker.ContainerCreateOptions {
  const exposedPorts: Record<string, object> = {};
  const portBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const port of service.ports) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposedPorts[key] = {};
    (portBindings[key] ??= []).push({ HostIp: port.hostIp, HostPort: port.hostPort === 0 ? '' : String(port.hostPort) });
  }
  const endpoint: Docker.EndpointSettings = { Aliases: [...new Set([service.containerName, service.service])] };
  if (context.address) endpoint.IPAMConfig = { IPv4Address: context.address };

  const hostConfig: Docker.HostConfig = {
    NetworkMode: context.network,
    PortBindings: portBindings,
    Mounts: service.mounts.map((mount) => ({
      Type: 'volume' as const,
      Source: context.volumeNames.get(mount.volume) as string,
      Target: mount.target,
      ReadOnly: mount.readOnly,
    })),
    RestartPolicy: service.restart,
  };
  if (context.extraHosts && context.extraHosts.length > 0) hostConfig.ExtraHosts = context.extraHosts;

  const options: Docker.ContainerCreateOptions = {
    name: service.containerName,
    Image: service.image,
    Env: Object.entries(service.environment).map(([key, value]) => `${key}=${value}`),
    Labels: { ...service.labels, ...context.labels },
    ExposedPorts: exposedPorts,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: hostConfig,
    NetworkingConfig: { EndpointsConfig: { [context.network]: endpoint } },
  };
  if (service.hostname !== undefined) options.Hostname = service.hostname;
  if (service.engineHealthcheck) options.Healthcheck = service.engineHealthcheck;
  if (service.command) options.Cmd = service.command;
  if (service.entrypoint) options.Entrypoint = service.entrypoint;
  if (service.user !== undefined) options.User = service.user;
  if (service.workingDir !== undefined) options.WorkingDir = service.workingDir;
  if (service.stopTimeout !== undefined) options.StopTimeout = service.stopTimeout;
  if (service.stopSignal !== undefined) options.StopSignal = service.stopSignal;
  return options;
}
