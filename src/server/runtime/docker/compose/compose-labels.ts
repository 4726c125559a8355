/**
 * The labels Docker Compose v2 puts on what it creates (pkg/api/labels.go), so that
 * `docker compose -p <project> ps / logs / down` see kafkalab's containers as their own, plus
 * kafkalab's own marker, which the runtime's `down` filters by.
 */
export const composeLabel = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  configHash: 'com.docker.compose.config-hash',
  version: 'com.docker.compose.version',
  dependsOn: 'com.docker.compose.depends_on',
  image: 'com.docker.compose.image',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

/** On every container, network and volume kafkalab creates. */
export const MANAGED_LABEL = 'dev.kafkalab.managed';

/**
 * The Compose release whose labels and naming (pkg/compose/create.go, convergence.go at v2.32.4)
 * this translation follows; written in com.docker.compose.version as Compose writes its own version.
 */
export const COMPOSE_VERSION = '2.32.4';

/** Labels every resource of the project carries. */
export function projectLabels(project: string): Record<string, string> {
  return { [composeLabel.project]: project, [composeLabel.version]: COMPOSE_VERSION, [MANAGED_LABEL]: 'true' };
}

/** The container of service `service`, one per service (container-number 1, not a `run` one-off). */
export function containerLabels(input: {
  project: string;
  service: string;
  configFile: string;
  workingDir: string;
  configHash: string;
  dependsOn: string;
}): Record<string, string> {
  return {
    ...projectLabels(input.project),
    [composeLabel.service]: input.service,
    [composeLabel.containerNumber]: '1',
    [composeLabel.oneoff]: 'False',
    [composeLabel.configFiles]: input.configFile,
    [composeLabel.workingDir]: input.workingDir,
    [composeLabel.configHash]: input.configHash,
    [composeLabel.dependsOn]: input.dependsOn,
  };
}
