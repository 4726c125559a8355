import { ComposeFileError } from './compose-file-error.ts';

/** Why kafkalab refuses a Compose key it knows, and what to write instead. */
interface Refusal {
  reason: string;
  hint: string;
}

const ONE_NETWORK = 'every service joins the project\'s one network, <project>_default, where services reach each other by name';

/** Top-level keys Compose has and kafkalab does not implement. */
const TOP_LEVEL: Record<string, Refusal> = {
  networks: { reason: `custom networks are not supported: ${ONE_NETWORK}`, hint: 'Remove the top-level `networks:` and the services\' `networks:`.' },
  secrets: { reason: 'secrets are not supported', hint: 'Pass the value through `environment:` (the course stack has no secrets).' },
  configs: { reason: 'configs are not supported', hint: 'Pass the configuration through `environment:` (as AKHQ_CONFIGURATION does).' },
  include: { reason: 'including other compose files is not supported', hint: 'Put every service in this one file.' },
  models: { reason: 'models are not supported', hint: 'Remove them: the course stack runs no AI models.' },
};

/** Service keys Compose has and kafkalab does not implement, with what to do instead. */
const SERVICE: Record<string, Refusal> = {
  build: { reason: 'building images is not supported', hint: 'Build the image yourself (docker build -t NAME .) and give it as `image: NAME`.' },
  extends: { reason: '`extends` is not supported', hint: 'Repeat the settings, or share them with a YAML anchor and merge key (`<<: *common`).' },
  network_mode: { reason: `network_mode is not supported: ${ONE_NETWORK}`, hint: 'Remove network_mode.' },
  networks: { reason: `per-service networks are not supported: ${ONE_NETWORK}`, hint: 'Remove the service\'s `networks:`.' },
  links: { reason: `links are not supported: ${ONE_NETWORK}`, hint: 'Remove links and dial the service by its name.' },
  external_links: { reason: `external_links are not supported: ${ONE_NETWORK}`, hint: 'Remove external_links.' },
  secrets: { reason: 'secrets are not supported', hint: 'Pass the value through `environment:`.' },
  configs: { reason: 'configs are not supported', hint: 'Pass the configuration through `environment:`.' },
  deploy: { reason: '`deploy` (replicas, resources, placement) is not supported: kafkalab runs one container per service', hint: 'Remove deploy; use `restart:` for the restart policy.' },
  scale: { reason: '`scale` is not supported: kafkalab runs one container per service', hint: 'Declare each instance as its own service (kafka-1, kafka-2, ...).' },
  env_file: { reason: 'env_file is not supported: the compose file alone must say what each container gets', hint: 'Write the variables under `environment:`; use ${VAR} to take one from the environment kafkalab runs in.' },
  volumes_from: { reason: 'volumes_from is not supported', hint: 'Mount the same named volume in both services.' },
  privileged: { reason: 'privileged containers are not supported', hint: 'Remove privileged: the course images need no extra privileges.' },
  cap_add: { reason: 'cap_add is not supported', hint: 'Remove it: the course images need no extra capabilities.' },
  devices: { reason: 'devices are not supported', hint: 'Remove them: the course images need no host devices.' },
  pid: { reason: 'pid is not supported', hint: 'Remove it.' },
  ipc: { reason: 'ipc is not supported', hint: 'Remove it.' },
  tmpfs: { reason: 'tmpfs mounts are not supported', hint: 'Use a named volume.' },
  develop: { reason: '`develop` (compose watch) is not supported', hint: 'Remove it.' },
  post_start: { reason: 'lifecycle hooks are not supported', hint: 'Remove post_start.' },
  pre_stop: { reason: 'lifecycle hooks are not supported', hint: 'Remove pre_stop.' },
  ipv4_address: { reason: 'fixed addresses are kafkalab\'s to assign', hint: 'Remove it.' },
};

/**
 * Throws for the first key kafkalab knows Compose has but refuses (build:, network_mode, extends,
 * secrets, deploy, ...), so that a file which means more than the Docker runtime does is never
 * half-applied. Keys nobody knows are the schema's to reject.
 */
export function refuseUnsupportedKeys(file: Record<string, unknown>): void {
  for (const key of Object.keys(file)) {
    const refusal = TOP_LEVEL[key];
    if (refusal) throw new ComposeFileError([key], refusal.reason, refusal.hint);
  }
  const services = file.services;
  if (services === null || typeof services !== 'object' || Array.isArray(services)) return;
  for (const [name, service] of Object.entries(services)) {
    if (service === null || typeof service !== 'object' || Array.isArray(service)) continue;
    for (const key of Object.keys(service)) {
      const refusal = SERVICE[key];
      if (refusal) throw new ComposeFileError(['services', name, key], refusal.reason, refusal.hint);
    }
  }
}
