import type Docker from 'dockerode';
import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';
import type { ServiceSyntax } from './compose-schema.ts';
import { normaliseDependsOn, type Dependency } from './depends-on.ts';
import { parseDuration } from './duration.ts';
import { convertHealthcheck, type Healthcheck } from './healthcheck.ts';
import { mappingOrListEntries, resolveEnvironment } from './mapping-or-list.ts';
import { parsePortEntry, type PortMapping } from './port-mappings.ts';
import { restartPolicy } from './restart-policy.ts';
import { parseVolumeEntry, type VolumeMount } from './service-volumes.ts';
import { splitShellWords } from './shell-words.ts';

/** One service with every Compose shorthand resolved: what its container needs, before names and labels are added. */
export interface NormalisedService {
  service: string;
  image: string;
  containerName: string;
  hostname?: string;
  restart: Docker.HostRestartPolicy;
  ports: PortMapping[];
  environment: Record<string, string>;
  mounts: VolumeMount[];
  engineHealthcheck?: Docker.HealthConfig;
  healthcheck?: Healthcheck;
  dependsOn: Dependency[];
  profiles: string[];
  labels: Record<string, string>;
  command?: string[];
  entrypoint?: string[];
  user?: string;
  workingDir?: string;
  /** Seconds between SIGTERM and SIGKILL. */
  stopTimeout?: number;
  stopSignal?: string;
}

const SERVICE_NAME = /^[a-zA-Z0-9._-]+$/;
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** Label prefixes that belong to Compose and kafkalab: a file setting them could hide containers from `down`. */
const RESERVED_LABEL_PREFIXES = ['com.docker.compose.', 'dev.kafkalab.'];

export function normaliseService(
  service: string,
  syntax: ServiceSyntax,
  context: { project: string; publishHost: string; declaredVolumes: ReadonlySet<string>; env: Record<string, string | undefined> },
): NormalisedService {
  const path: KeyPathSegment[] = ['services', service];
  if (!SERVICE_NAME.test(service)) {
    throw new ComposeFileError(path, `service name ${JSON.stringify(service)} has characters Compose does not allow`, 'Use letters, digits, ".", "_" and "-" only.');
  }
  if (syntax.image === undefined) throw new ComposeFileError([...path, 'image'], 'is required: kafkalab runs images, it does not build them', 'Give the image to run (`image: confluentinc/cp-kafka:7.9.1`).');
  if (syntax.image.trim() === '') throw new ComposeFileError([...path, 'image'], 'is empty (after interpolation)', 'Set the variable it is taken from, or give the image name in the file.');
  const containerName = syntax.container_name ?? `${context.project}-${service}-1`;
  if (!CONTAINER_NAME.test(containerName)) {
    throw new ComposeFileError([...path, 'container_name'], `${JSON.stringify(containerName)} is not a valid container name`, 'Start with a letter or digit; then letters, digits, "_", "." and "-".');
  }
  const { engine, plan } = convertHealthcheck(syntax.healthcheck, [...path, 'healthcheck']);
  const stopGracePeriod = syntax.stop_grace_period;
  return {
    service,
    image: syntax.image,
    containerName,
    hostname: syntax.hostname,
    restart: restartPolicy(syntax.restart, [...path, 'restart']),
    ports: (syntax.ports ?? []).flatMap((entry, index) => parsePortEntry(entry, context.publishHost, [...path, 'ports', index])),
    environment: resolveEnvironment(syntax.environment, context.env, [...path, 'environment']),
    mounts: (syntax.volumes ?? []).map((entry, index) => parseVolumeEntry(entry, context.declaredVolumes, [...path, 'volumes', index])),
    engineHealthcheck: engine,
    healthcheck: plan,
    dependsOn: normaliseDependsOn(syntax.depends_on),
    profiles: syntax.profiles ?? [],
    labels: userLabels(syntax.labels, [...path, 'labels']),
    command: commandLine(syntax.command, [...path, 'command']),
    entrypoint: commandLine(syntax.entrypoint, [...path, 'entrypoint']),
    user: syntax.user === undefined ? undefined : String(syntax.user),
    workingDir: syntax.working_dir,
    stopTimeout: stopGracePeriod === undefined ? undefined : Math.floor(parseDuration(stopGracePeriod, [...path, 'stop_grace_period']) / 1e9),
    stopSignal: syntax.stop_signal,
  };
}

function userLabels(labels: ServiceSyntax['labels'], path: readonly KeyPathSegment[]): Record<string, string> {
  if (labels === undefined) return {};
  const result: Record<string, string> = {};
  for (const [key, value] of mappingOrListEntries(labels, path)) {
    if (RESERVED_LABEL_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      throw new ComposeFileError([...path, key], `label ${key} is reserved`, 'Labels starting with com.docker.compose. or dev.kafkalab. are set by kafkalab; pick another name.');
    }
    result[key] = value ?? '';
  }
  return result;
}

function commandLine(value: string | string[] | undefined, path: readonly KeyPathSegment[]): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? splitShellWords(value, path) : value;
}
