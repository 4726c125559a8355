import { z } from 'zod';

/**
 * The subset of the Compose file format kafkalab's Docker runtime implements, checked after
 * interpolation. Objects are strict: a key outside this subset is refused, never ignored
 * (refused-keys.ts explains the well-known ones first). `x-` extension keys are removed before.
 */

const text = z.string();
const number = z.number();
const textOrNumber = z.union([text, number], { error: 'expected a string or a number' });

const mappingOrList = z.union(
  [z.array(text), z.record(text, z.union([text, number, z.boolean(), z.null()], { error: 'expected a string, number or boolean' }))],
  { error: 'expected a map of NAME: value, or a list of "NAME=value"' },
);

const longPort = z.strictObject({
  target: textOrNumber.describe('The container port.'),
  published: textOrNumber.optional().describe('The host port; left out, the engine picks one.'),
  host_ip: text.optional().describe('The host address to bind; left out, the plan\'s publishHost.'),
  protocol: text.optional().describe('tcp (default) or udp.'),
  mode: z.enum(['host', 'ingress']).optional().describe('Swarm\'s distinction; both mean "publish on this host" here.'),
  name: text.optional().describe('A name for the port (documentation only).'),
  app_protocol: text.optional().describe('The application protocol (documentation only).'),
});

const longVolume = z.strictObject({
  type: text.describe('Only "volume" is supported (bind mounts are refused).'),
  source: text.optional().describe('The named volume, declared under the top-level volumes.'),
  target: text.describe('Absolute path in the container.'),
  read_only: z.boolean().optional().describe('Mount read-only.'),
});

const healthcheck = z.strictObject({
  test: z.union([text, z.array(text)], { error: 'expected a string or a list like ["CMD-SHELL", "..."]' }).optional().describe('["CMD", ...], ["CMD-SHELL", "..."], a string (shell), or ["NONE"].'),
  interval: textOrNumber.optional().describe('Time between checks ("5s").'),
  timeout: textOrNumber.optional().describe('Time one check may take.'),
  retries: z.number().int().nonnegative().optional().describe('Consecutive failures before "unhealthy".'),
  start_period: textOrNumber.optional().describe('Grace time after start during which failures do not count.'),
  start_interval: textOrNumber.optional().describe('Time between checks during the start period.'),
  disable: z.boolean().optional().describe('Switch off the image\'s healthcheck.'),
});

const dependsOn = z.union(
  [
    z.array(text),
    z.record(
      text,
      z.strictObject({
        condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']).describe('What the dependency must reach before this service starts.'),
        restart: z.boolean().optional().describe('Restart this service when Compose restarts the dependency.'),
        required: z.boolean().optional().describe('false: the dependency may be absent.'),
      }),
    ),
  ],
  { error: 'expected a list of service names, or a map of service: { condition: ... }' },
);

const commandLine = z.union([text, z.array(text)], { error: 'expected a string or a list of arguments' });

export const serviceSchema = z.strictObject({
  image: text.optional().describe('The image to run (required: kafkalab does not build).'),
  container_name: text.optional().describe('The container\'s name; default <project>-<service>-1.'),
  hostname: text.optional().describe('The container\'s host name.'),
  restart: text.optional().describe('no, always, unless-stopped, on-failure[:N].'),
  ports: z.array(z.union([text, number, longPort], { error: 'expected "HOST:CONTAINER", a port number, or a map with target/published' })).optional().describe('Published ports.'),
  environment: mappingOrList.optional().describe('Environment variables.'),
  labels: mappingOrList.optional().describe('Extra container labels.'),
  volumes: z.array(z.union([text, longVolume], { error: 'expected "NAME:/path" or a map with type/source/target' })).optional().describe('Named volume mounts.'),
  healthcheck: healthcheck.optional().describe('How the engine decides the container is healthy.'),
  depends_on: dependsOn.optional().describe('Services that must be started/healthy/completed first.'),
  profiles: z.array(text).optional().describe('The service runs only when one of these profiles is active.'),
  command: commandLine.optional().describe('Overrides the image\'s CMD.'),
  entrypoint: commandLine.optional().describe('Overrides the image\'s ENTRYPOINT.'),
  user: textOrNumber.optional().describe('User (and group) the process runs as.'),
  working_dir: text.optional().describe('The process\'s working directory.'),
  stop_grace_period: textOrNumber.optional().describe('Time between SIGTERM and SIGKILL on stop.'),
  stop_signal: text.optional().describe('Signal that stops the container.'),
});

const topLevelVolume = z.union(
  [
    z.null(),
    z.strictObject({
      name: text.optional().describe('The engine\'s name for it, instead of <project>_<key>.'),
      driver: text.optional().describe('Volume driver (default local).'),
      driver_opts: z.record(text, textOrNumber).optional().describe('Options for the driver.'),
      labels: mappingOrList.optional().describe('Extra volume labels.'),
    }),
  ],
  { error: 'expected nothing (NAME:) or a map with name/driver/driver_opts/labels' },
);

export const composeFileSchema = z.strictObject({
  name: text.optional().describe('The project name.'),
  version: textOrNumber.optional().describe('Obsolete; ignored with a warning, as Compose does.'),
  services: z.record(text, serviceSchema).describe('The containers, one per service.'),
  volumes: z.record(text, topLevelVolume).optional().describe('Named volumes, created as <project>_<key>.'),
});

export type ComposeFile = z.infer<typeof composeFileSchema>;
export type ServiceSyntax = z.infer<typeof serviceSchema>;
