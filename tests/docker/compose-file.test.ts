/**
 * The compose translation (src/server/runtime/docker/compose): docker-compose.yml in, what Docker
 * Compose v2 would create out. No engine: planCompose is pure. First every rule on small files, then
 * the repository's own docker-compose.yml against the topology chapter 4 teaches.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ComposeFileError, planCompose, type ComposePlan, type ComposePlanOptions, type ServicePlan } from '../../src/server/runtime/docker/compose/compose-plan.ts';

const CONFIG_FILE = '/home/learner/course/docker-compose.yml';

function plan(yaml: string, options: Partial<ComposePlanOptions> = {}): ComposePlan {
  return planCompose(yaml, { env: {}, configFile: CONFIG_FILE, ...options });
}

function service(result: ComposePlan, name: string): ServicePlan {
  const found = result.services.find((candidate) => candidate.service === name);
  if (!found) throw new Error(`no service ${name} in the plan (${result.services.map((s) => s.service).join(', ')})`);
  return found;
}

/** The ComposeFileError planning `yaml` throws (fails the test when it does not throw one). */
function planError(yaml: string, options: Partial<ComposePlanOptions> = {}): ComposeFileError {
  try {
    plan(yaml, options);
  } catch (error) {
    if (error instanceof ComposeFileError) return error;
    throw error;
  }
  throw new Error('planCompose accepted the file');
}

/** A one-service file with `body` (indented as the service's keys) under services.app. */
function app(body: string, extra = ''): string {
  return `name: demo\nservices:\n  app:\n    image: busybox:1.36\n${body.replace(/^/gm, '    ')}\n${extra}`;
}

describe('interpolation', () => {
  const image = (expression: string, env: Record<string, string | undefined>) => plan(`services:\n  app:\n    image: "${expression}"\n`, { env, projectName: 'demo' });

  it('takes ${VAR} and $VAR from the environment', () => {
    expect(image('${REPO}/kafka:$TAG', { REPO: 'local', TAG: '1' }).services[0].image).toBe('local/kafka:1');
  });

  it('turns an unset variable into "" and warns as Compose does', () => {
    const result = plan(app('environment:\n  A: "x${MISSING}y"\n  B: "$MISSING"'), { env: {} });
    expect(service(result, 'app').environment).toEqual({ A: 'xy', B: '' });
    expect(result.warnings).toEqual(['The "MISSING" variable is not set (services.app.environment.A). Defaulting to a blank string.', 'The "MISSING" variable is not set (services.app.environment.B). Defaulting to a blank string.']);
  });

  it('falls back with :- when unset or empty, with - only when unset', () => {
    expect(image('${V:-fallback}', {}).services[0].image).toBe('fallback');
    expect(image('${V:-fallback}', { V: '' }).services[0].image).toBe('fallback');
    expect(image('${V:-fallback}', { V: 'set' }).services[0].image).toBe('set');
    expect(image('x${V-fallback}', { V: '' }).services[0].image).toBe('x');
    expect(image('${V-fallback}', {}).services[0].image).toBe('fallback');
  });

  it('nests defaults and substitutes alternatives with :+ and +', () => {
    expect(image('${A:-${B:-deep}}', {}).services[0].image).toBe('deep');
    expect(image('${A:-${B:-deep}}', { B: 'b' }).services[0].image).toBe('b');
    expect(image('x${A:+alt}', { A: 'on' }).services[0].image).toBe('xalt');
    expect(image('x${A:+alt}', { A: '' }).services[0].image).toBe('x');
    expect(image('x${A+alt}', { A: '' }).services[0].image).toBe('xalt');
  });

  it('makes a missing ${VAR:?message} an error that names the variable, the message and the key', () => {
    const error = planError('services:\n  app:\n    image: "${KAFKA_IMAGE:?give the broker image}"\n', { projectName: 'demo' });
    expect(error.keyPath).toBe('services.app.image');
    expect(error.message).toContain('required variable KAFKA_IMAGE is missing a value: give the broker image');
    expect(error.hint).toContain('KAFKA_IMAGE');
    expect(planError('services:\n  app:\n    image: "${V:?}"\n', { projectName: 'demo', env: { V: '' } }).problem).toBe('required variable V is missing a value');
    expect(image('${V?}x', { V: '' }).services[0].image).toBe('x');
  });

  it('reads $$ as a literal $ and leaves a $ that starts no name alone', () => {
    const result = plan(app('healthcheck:\n  test: "echo $$HOME $$$$ cost: $5"'), { env: { HOME: '/root' } });
    expect(service(result, 'app').healthcheck?.test).toEqual(['CMD-SHELL', 'echo $HOME $$ cost: $5']);
  });

  it('refuses a broken ${ with the template and how to write one', () => {
    const error = planError(app('environment:\n  A: "${not closed"'));
    expect(error.keyPath).toBe('services.app.environment.A');
    expect(error.problem).toContain('invalid interpolation format');
    expect(planError(app('environment:\n  A: "${1BAD}"')).problem).toContain('"${1BAD}"');
  });

  it('interpolates values, never keys', () => {
    const result = plan(app('environment:\n  ${KEY}: value'), { env: { KEY: 'X' } });
    expect(service(result, 'app').environment).toEqual({ '${KEY}': 'value' });
  });
});

describe('ports', () => {
  const ports = (entries: string, options: Partial<ComposePlanOptions> = {}) => service(plan(app(`ports:\n${entries}`), options), 'app');

  it('reads the short syntax, binding 127.0.0.1 unless the file names an address', () => {
    const result = ports('  - "12181:2181"\n  - "0.0.0.0:8080:80/tcp"\n  - "[::1]:6001:6001"\n  - "5353:53/udp"');
    expect(result.ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: 12181, containerPort: 2181, protocol: 'tcp' },
      { hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
      { hostIp: '::1', hostPort: 6001, containerPort: 6001, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' },
    ]);
    expect(result.create.ExposedPorts).toEqual({ '2181/tcp': {}, '80/tcp': {}, '6001/tcp': {}, '53/udp': {} });
    expect(result.create.HostConfig?.PortBindings).toEqual({
      '2181/tcp': [{ HostIp: '127.0.0.1', HostPort: '12181' }],
      '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }],
      '6001/tcp': [{ HostIp: '::1', HostPort: '6001' }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
    });
  });

  it('uses publishHost for ports without an address', () => {
    expect(ports('  - "19092:19092"', { publishHost: '0.0.0.0' }).ports[0].hostIp).toBe('0.0.0.0');
  });

  it('leaves the host port to the engine for a container-only port, and expands ranges pairwise', () => {
    const result = ports('  - 3000\n  - "127.0.0.1::4000"\n  - "0:5000"\n  - "9090-9091:8080-8081"');
    expect(result.ports.map((p) => [p.hostPort, p.containerPort])).toEqual([[0, 3000], [0, 4000], [0, 5000], [9090, 8080], [9091, 8081]]);
    expect(result.create.HostConfig?.PortBindings['5000/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: '' }]);
    expect(result.create.HostConfig?.PortBindings['3000/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: '' }]);
  });

  it('reads the long syntax', () => {
    const result = ports('  - target: 2181\n    published: "22181"\n    host_ip: 127.0.0.2\n    protocol: tcp\n    mode: host\n  - target: 53\n    protocol: udp');
    expect(result.ports).toEqual([
      { hostIp: '127.0.0.2', hostPort: 22181, containerPort: 2181, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 0, containerPort: 53, protocol: 'udp' },
    ]);
  });

  it('names the entry that is wrong and how to write one', () => {
    expect(planError(app('ports:\n  - "80:0"')).problem).toBe('"0" is not a port number (1-65535)');
    const error = planError(app('ports:\n  - "8080:80"\n  - "80:99999"'));
    expect(error.keyPath).toBe('services.app.ports[1]');
    expect(error.problem).toBe('"99999" is not a port number (1-65535)');
    expect(error.hint).toContain('HOST:CONTAINER');
    expect(planError(app('ports:\n  - "8000-8010:80"')).problem).toContain('host port range 8000-8010 for one container port');
    expect(planError(app('ports:\n  - "80:80/sctp"')).problem).toBe('protocol "sctp" is not supported');
    expect(planError(app('ports:\n  - "1:2:3:4"')).problem).toBe('"1:2:3:4" is not a port mapping');
    expect(planError(app('ports:\n  - target: 80\n    published: 8080\n    extra: 1')).keyPath).toBe('services.app.ports[0].extra');
    expect(planError(app('ports:\n  - [80]')).problem).toContain('expected "HOST:CONTAINER"');
  });
});

describe('environment', () => {
  it('reads the map form, writing numbers and booleans as YAML wrote them, multi-line strings intact', () => {
    const result = service(plan(app('environment:\n  ID: 1\n  RATIO: 0.5\n  ON: true\n  TEXT: "a b"\n  CONFIG: |\n    line one\n    line two')), 'app');
    expect(result.environment).toEqual({ ID: '1', RATIO: '0.5', ON: 'true', TEXT: 'a b', CONFIG: 'line one\nline two\n' });
    expect(result.create.Env).toEqual(['ID=1', 'RATIO=0.5', 'ON=true', 'TEXT=a b', 'CONFIG=line one\nline two\n']);
  });

  it('reads the list form, splitting at the first =', () => {
    expect(service(plan(app('environment:\n  - A=1\n  - URL=http://x?a=b\n  - EMPTY=')), 'app').environment).toEqual({ A: '1', URL: 'http://x?a=b', EMPTY: '' });
  });

  it('takes a variable without a value from the environment, and leaves it out when unset there too', () => {
    const result = plan(app('environment:\n  - FROM_HOST\n  - NOT_SET\n  - EXPLICIT=x'), { env: { FROM_HOST: 'h' } });
    expect(service(result, 'app').environment).toEqual({ FROM_HOST: 'h', EXPLICIT: 'x' });
    expect(service(plan(app('environment:\n  FROM_HOST:'), { env: { FROM_HOST: 'h' } }), 'app').environment).toEqual({ FROM_HOST: 'h' });
  });

  it('refuses a list entry without a name and a value that is a map', () => {
    expect(planError(app('environment:\n  - "=x"')).keyPath).toBe('services.app.environment[0]');
    expect(planError(app('environment:\n  A:\n    nested: 1')).keyPath).toBe('services.app.environment.A');
  });
});

describe('volumes', () => {
  const withVolumes = (mounts: string, declared = 'volumes:\n  data:\n  logs:\n') => plan(app(`volumes:\n${mounts}`, declared));

  it('mounts named volumes, short and long form, as Mounts of type volume with the project prefix', () => {
    const result = withVolumes('  - data:/var/lib/data\n  - logs:/var/log/app:ro\n  - type: volume\n    source: data\n    target: /backup\n    read_only: true');
    expect(service(result, 'app').create.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'demo_data', Target: '/var/lib/data', ReadOnly: false },
      { Type: 'volume', Source: 'demo_logs', Target: '/var/log/app', ReadOnly: true },
      { Type: 'volume', Source: 'demo_data', Target: '/backup', ReadOnly: true },
    ]);
    expect(result.volumes.map((volume) => volume.name)).toEqual(['demo_data', 'demo_logs']);
  });

  it('creates only the volumes kept services use, and honours a volume\'s own name', () => {
    const result = withVolumes('  - data:/data', 'volumes:\n  data:\n    name: shared-data\n  unused:\n');
    expect(result.volumes.map((volume) => volume.name)).toEqual(['shared-data']);
    expect(service(result, 'app').create.HostConfig?.Mounts?.[0].Source).toBe('shared-data');
  });

  it('refuses bind mounts of host paths with the reason', () => {
    for (const mount of ['./data:/data', '/srv/data:/data', '~/data:/data', 'C:\\data:/data']) {
      const error = planError(app(`volumes:\n  - '${mount}'`));
      expect(error.keyPath).toBe('services.app.volumes[0]');
      expect(error.problem).toContain('bind mount of the host path');
      expect(error.hint).toContain('named volume');
    }
    expect(planError(app('volumes:\n  - type: bind\n    source: ./x\n    target: /x')).problem).toContain('bind mount');
  });

  it('refuses anonymous and undeclared volumes, bad modes and relative targets', () => {
    expect(planError(app('volumes:\n  - /data')).problem).toBe('anonymous volume at /data is not supported');
    const undeclared = planError(app('volumes:\n  - data:/data'));
    expect(undeclared.problem).toBe('refers to undefined volume data');
    expect(undeclared.hint).toContain('top-level `volumes:`');
    expect(planError(app('volumes:\n  - data:/data:z', 'volumes:\n  data:\n')).problem).toBe('volume mode "z" is not supported');
    expect(planError(app('volumes:\n  - data:relative', 'volumes:\n  data:\n')).problem).toContain('not an absolute path');
    expect(planError(app('volumes:\n  - data:/d', 'volumes:\n  data:\n    external: true\n')).keyPath).toBe('volumes.data.external');
  });
});

describe('healthchecks and durations', () => {
  const check = (body: string) => service(plan(app(`healthcheck:\n${body}`)), 'app');

  it('passes CMD-SHELL through and gives the Engine nanoseconds and the plan milliseconds', () => {
    const result = check('  test: ["CMD-SHELL", "nc -z localhost 9092"]\n  interval: 5s\n  timeout: 500ms\n  retries: 12\n  start_period: 1m30s\n  start_interval: 1s');
    expect(result.create.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'nc -z localhost 9092'], Interval: 5e9, Timeout: 5e8, StartPeriod: 90e9, StartInterval: 1e9, Retries: 12 });
    expect(result.healthcheck).toEqual({ test: ['CMD-SHELL', 'nc -z localhost 9092'], intervalMs: 5000, timeoutMs: 500, retries: 12, startPeriodMs: 90_000 });
  });

  it('reads a string test as a shell command and CMD as an argument list', () => {
    expect(check('  test: echo srvr | nc localhost 2181').healthcheck?.test).toEqual(['CMD-SHELL', 'echo srvr | nc localhost 2181']);
    expect(check('  test: ["CMD", "nc", "-z", "localhost", "2181"]').healthcheck?.test).toEqual(['CMD', 'nc', '-z', 'localhost', '2181']);
  });

  it('fills in the Engine\'s defaults for the plan and leaves 0 (= default) for the Engine, as Compose does', () => {
    const result = check('  test: ["CMD", "true"]');
    expect(result.create.Healthcheck).toEqual({ Test: ['CMD', 'true'], Interval: 0, Timeout: 0, StartPeriod: 0, Retries: 0 });
    expect(result.healthcheck).toEqual({ test: ['CMD', 'true'], intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 });
  });

  it('disables the image\'s healthcheck with NONE or disable: true', () => {
    for (const body of ['  test: ["NONE"]', '  disable: true']) {
      const result = check(body);
      expect(result.create.Healthcheck?.Test).toEqual(['NONE']);
      expect(result.healthcheck).toBeUndefined();
    }
  });

  it('reads Go durations: hours, fractions, compound, and 0', () => {
    const interval = (value: string) => check(`  test: ["CMD", "true"]\n  interval: ${value}`).create.Healthcheck?.Interval;
    expect(interval('1h')).toBe(3600e9);
    expect(interval('1.5s')).toBe(1.5e9);
    expect(interval('2m3s4ms')).toBe(123.004e9);
    expect(interval('0')).toBe(0);
  });

  it('refuses a duration without a unit, a malformed one and a malformed test', () => {
    const noUnit = planError(app('healthcheck:\n  test: ["CMD", "true"]\n  interval: 5'));
    expect(noUnit.keyPath).toBe('services.app.healthcheck.interval');
    expect(noUnit.problem).toBe('duration "5" has no unit');
    expect(planError(app('healthcheck:\n  test: ["CMD", "true"]\n  timeout: 5 seconds')).problem).toBe('"5 seconds" is not a duration');
    expect(planError(app('healthcheck:\n  test: ["CMD-SHELL", "a", "b"]')).keyPath).toBe('services.app.healthcheck.test');
    expect(planError(app('healthcheck:\n  test: ["curl", "x"]')).hint).toContain('["CMD"');
    expect(planError(app('healthcheck:\n  interval: 5s')).problem).toContain('without a test');
    expect(planError(app('healthcheck:\n  test: ["CMD", "true"]\n  intervall: 5s')).keyPath).toBe('services.app.healthcheck.intervall');
  });
});

describe('depends_on and start order', () => {
  const stack = (dependsOn: Record<string, string>) =>
    `name: demo\nservices:\n${['web', 'api', 'db', 'cache']
      .map((name) => `  ${name}:\n    image: busybox\n    healthcheck:\n      test: ["CMD", "true"]\n${dependsOn[name] ? `    depends_on:\n${dependsOn[name].replace(/^/gm, '      ')}\n` : ''}`)
      .join('')}`;

  it('starts every service after the services it depends on, otherwise in file order', () => {
    const result = plan(stack({ web: '- api', api: 'db:\n  condition: service_healthy\ncache:\n  condition: service_started' }));
    expect(result.services.map((s) => s.service)).toEqual(['db', 'cache', 'api', 'web']);
    expect(service(result, 'web').dependsOn).toEqual([{ service: 'api', condition: 'service_started' }]);
    expect(service(result, 'api').dependsOn).toEqual([{ service: 'db', condition: 'service_healthy' }, { service: 'cache', condition: 'service_started' }]);
  });

  it('writes Compose\'s depends_on label: service:condition:restart', () => {
    const result = plan(stack({ api: 'db:\n  condition: service_healthy\n  restart: true\ncache:\n  condition: service_completed_successfully' }));
    expect(service(result, 'api').create.Labels?.['com.docker.compose.depends_on']).toBe('db:service_healthy:true,cache:service_completed_successfully:false');
    expect(service(result, 'db').create.Labels?.['com.docker.compose.depends_on']).toBe('');
  });

  it('refuses a cycle, spelling it out', () => {
    const error = planError(stack({ web: '- api', api: '- db', db: '- web' }));
    expect(error.problem).toBe('dependency cycle: web -> api -> db -> web');
    expect(error.keyPath).toBe('services.web.depends_on');
    expect(planError(stack({ cache: '- cache' })).problem).toBe('dependency cycle: cache -> cache');
    // A service waiting on a cycle is not part of it.
    expect(planError(stack({ web: '- api', api: '- db', db: '- api' })).problem).toBe('dependency cycle: api -> db -> api');
  });

  it('refuses a dependency on a service the file does not have, naming the ones it has', () => {
    const error = planError(stack({ web: '- apii' }));
    expect(error.keyPath).toBe('services.web.depends_on.apii');
    expect(error.problem).toBe('web depends on undefined service apii');
    expect(error.hint).toBe('The services are: web, api, db, cache.');
    const optional = plan(stack({ web: 'apii:\n  condition: service_started\n  required: false' }));
    expect(service(optional, 'web').dependsOn).toEqual([]);
    expect(optional.warnings).toEqual(['web depends on apii, which the file does not have (not required, so ignored).']);
  });

  it('refuses an unknown condition and waiting for health that is switched off', () => {
    expect(planError(stack({ web: 'api:\n  condition: service_ready' })).keyPath).toBe('services.web.depends_on.api.condition');
    const noHealth = planError(`name: demo\nservices:\n  a:\n    image: x\n    healthcheck:\n      disable: true\n  b:\n    image: x\n    depends_on:\n      a:\n        condition: service_healthy\n`);
    expect(noHealth.problem).toBe("b waits for a to be healthy, but a's healthcheck is disabled");
  });
});

describe('profiles and --without', () => {
  const file = `name: demo
services:
  broker:
    image: kafka
  ui:
    image: akhq
    profiles: [ui]
    depends_on: [broker]
  debug:
    image: busybox
    profiles: [debug, tools]
    depends_on:
      ui:
        condition: service_started
        required: false
`;

  it('runs a service with profiles only when one of them is active', () => {
    const result = plan(file);
    expect(result.services.map((s) => s.service)).toEqual(['broker']);
    expect(result.omitted).toEqual([
      { service: 'ui', reason: 'runs only with profile ui, which is not active (--profile ui)' },
      { service: 'debug', reason: 'runs only with profile debug or tools, which is not active (--profile debug)' },
    ]);
    expect(plan(file, { profiles: ['ui'] }).services.map((s) => s.service)).toEqual(['broker', 'ui']);
    expect(plan(file, { profiles: ['*'] }).services.map((s) => s.service)).toEqual(['broker', 'ui', 'debug']);
  });

  it('drops a dependency that is not required when its service is left out', () => {
    const result = plan(file, { profiles: ['tools'] });
    expect(result.services.map((s) => s.service)).toEqual(['broker', 'debug']);
    expect(service(result, 'debug').dependsOn).toEqual([]);
  });

  it('leaves out services on request, and refuses to leave out one a kept service needs', () => {
    const result = plan(file, { profiles: ['ui'], without: ['ui'] });
    expect(result.services.map((s) => s.service)).toEqual(['broker']);
    expect(result.omitted[0]).toEqual({ service: 'ui', reason: 'left out on request (--without ui)' });
    const error = planError(file, { profiles: ['ui'], without: ['broker'] });
    expect(error.keyPath).toBe('services.ui.depends_on.broker');
    expect(error.problem).toBe('ui depends on broker, which is left out: left out on request (--without broker)');
    expect(error.hint).toBe('Keep broker, or leave ui out as well.');
    expect(planError(file, { without: ['brokr'] }).hint).toBe('The services are: broker, ui, debug.');
  });

  it('refuses a required dependency on a service whose profile is not active', () => {
    const error = planError(`name: demo\nservices:\n  app:\n    image: x\n    depends_on: [tool]\n  tool:\n    image: y\n    profiles: [tools]\n`);
    expect(error.problem).toBe('app depends on tool, which is left out: runs only with profile tools, which is not active (--profile tools)');
  });
});

describe('refused and unknown keys', () => {
  it('refuses the Compose features kafkalab does not implement, naming the key and what to do', () => {
    const cases: Array<[string, string, string]> = [
      [app('build: .'), 'services.app.build', 'building images is not supported'],
      [app('network_mode: host'), 'services.app.network_mode', 'network_mode is not supported'],
      [app('extends:\n  service: base'), 'services.app.extends', '`extends` is not supported'],
      [app('deploy:\n  replicas: 2'), 'services.app.deploy', '`deploy`'],
      [app('secrets: [pw]'), 'services.app.secrets', 'secrets are not supported'],
      [app('configs: [c]'), 'services.app.configs', 'configs are not supported'],
      [app('env_file: .env'), 'services.app.env_file', 'env_file is not supported'],
      [app('', 'networks:\n  back: {}\n'), 'networks', 'custom networks are not supported'],
      [app('', 'secrets:\n  pw:\n    file: ./pw\n'), 'secrets', 'secrets are not supported'],
    ];
    for (const [yaml, keyPath, problem] of cases) {
      const error = planError(yaml);
      expect(error.keyPath).toBe(keyPath);
      expect(error.problem).toContain(problem);
      expect(error.hint).toBeTruthy();
    }
  });

  it('refuses a key it does not know, listing the ones it supports', () => {
    const error = planError(app('enviroment:\n  A: 1'));
    expect(error.keyPath).toBe('services.app.enviroment');
    expect(error.problem).toBe("`enviroment` is not a key kafkalab's Compose reader supports");
    expect(error.hint).toContain('environment');
    expect(planError('name: demo\nservice:\n  a:\n    image: x\n').keyPath).toBe('service');
  });

  it('says in YAML terms what type a value should have, at the deepest key that is wrong', () => {
    expect(planError('name: demo\nservices: []\n').message).toBe('docker-compose.yml:2: services: expected map, received list');
    expect(planError('name: demo\nservices:\n  app:\n').problem).toBe('expected map, received null');
    expect(planError(app('ports: 8080')).problem).toBe('expected list, received number');
    const nested = planError(app('environment:\n  A:\n    nested: 1'));
    expect([nested.keyPath, nested.problem]).toEqual(['services.app.environment.A', 'expected a string, number or boolean']);
    expect(planError(app('depends_on:\n  db:\n    condition: ready')).problem).toBe('expected one of "service_started"|"service_healthy"|"service_completed_successfully"');
  });

  it('requires services and an image, and accepts x- extension keys, anchors and merge keys', () => {
    expect(planError('name: demo\n').keyPath).toBe('services');
    expect(planError('name: demo\nservices:\n  app:\n    hostname: a\n').problem).toContain('kafkalab runs images, it does not build them');
    const result = plan(`name: demo
x-common: &common
  image: busybox:1.36
  restart: always
  environment: &env
    SHARED: "yes"
services:
  one:
    <<: *common
    x-note: documentation only
  two:
    <<: *common
    environment:
      <<: *env
      OWN: "2"
`);
    expect(result.services.map((s) => [s.service, s.image, s.create.HostConfig?.RestartPolicy?.Name])).toEqual([['one', 'busybox:1.36', 'always'], ['two', 'busybox:1.36', 'always']]);
    expect(service(result, 'two').environment).toEqual({ SHARED: 'yes', OWN: '2' });
  });

  it('warns that version: is obsolete, as Compose does', () => {
    expect(plan(`version: "3.8"\n${app('')}`).warnings).toEqual(['the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion']);
  });
});

describe('errors point at the line', () => {
  it('names the file and line of a YAML syntax error', () => {
    const error = planError('name: demo\nservices:\n  app:\n    image: "unclosed\n');
    expect(error.file).toBe('docker-compose.yml');
    expect(error.line).toBeGreaterThanOrEqual(4);
    expect(error.message).toMatch(/^docker-compose\.yml:\d+: \(the whole file\): the file is not valid YAML/);
  });

  it('names the file and line of the key that is wrong', () => {
    const error = planError('name: demo\nservices:\n  app:\n    image: x\n    ports:\n      - "80:80"\n      - "80:nope"\n');
    expect(error.message).toBe('docker-compose.yml:7: services.app.ports[1]: "nope" is not a port number (1-65535)');
    expect(planError('name: demo\nservices:\n  app:\n    image: x\n    ports:\n      - "80:80"\n      - "80:nope"\n')).toBeInstanceOf(Error);
  });

  it('refuses a file that is not a map, and a duplicate key', () => {
    expect(planError('- a\n- b\n').problem).toContain('not a map');
    expect(planError('name: a\nname: b\nservices: {}\n').problem).toContain('not valid YAML');
  });
});

describe('names, labels and the config hash', () => {
  it('names containers <project>-<service>-1 unless container_name says otherwise, on <project>_default', () => {
    const result = plan('name: demo\nservices:\n  web:\n    image: x\n  db:\n    image: y\n    container_name: the-db\n    hostname: database\n');
    expect(service(result, 'web').containerName).toBe('demo-web-1');
    expect(service(result, 'web').create.name).toBe('demo-web-1');
    expect(service(result, 'web').create.Hostname).toBeUndefined();
    expect(service(result, 'db').create).toMatchObject({ name: 'the-db', Hostname: 'database' });
    expect(result.network.name).toBe('demo_default');
    expect(service(result, 'db').create.HostConfig?.NetworkMode).toBe('demo_default');
    // Compose's aliases: the container name, then the service name.
    expect(service(result, 'web').create.NetworkingConfig?.EndpointsConfig?.demo_default).toEqual({ Aliases: ['demo-web-1', 'web'] });
    expect(service(result, 'db').create.NetworkingConfig?.EndpointsConfig?.demo_default).toEqual({ Aliases: ['the-db', 'db'] });
  });

  it('labels containers, the network and volumes exactly as Compose v2 does, plus dev.kafkalab.managed', () => {
    const result = plan(app('volumes:\n  - data:/data\nlabels:\n  team: course', 'volumes:\n  data:\n'));
    const labels = service(result, 'app').create.Labels ?? {};
    expect(labels).toEqual({
      team: 'course',
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': 'app',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project.config_files': CONFIG_FILE,
      'com.docker.compose.project.working_dir': '/home/learner/course',
      'com.docker.compose.config-hash': expect.stringMatching(/^[0-9a-f]{64}$/),
      'com.docker.compose.version': '2.32.4',
      'com.docker.compose.depends_on': '',
      'dev.kafkalab.managed': 'true',
    });
    expect(result.network.create).toEqual({
      Name: 'demo_default',
      Driver: 'bridge',
      Labels: {
        'com.docker.compose.network': 'default',
        'com.docker.compose.project': 'demo',
        'com.docker.compose.version': '2.32.4',
        'com.docker.compose.config-hash': expect.stringMatching(/^[0-9a-f]{64}$/),
        'dev.kafkalab.managed': 'true',
      },
    });
    expect(result.volumes).toEqual([
      {
        name: 'demo_data',
        create: {
          Name: 'demo_data',
          Driver: 'local',
          Labels: {
            'com.docker.compose.volume': 'data',
            'com.docker.compose.project': 'demo',
            'com.docker.compose.version': '2.32.4',
            'com.docker.compose.config-hash': expect.stringMatching(/^[0-9a-f]{64}$/),
            'dev.kafkalab.managed': 'true',
          },
        },
      },
    ]);
  });

  it('refuses labels in Compose\'s and kafkalab\'s namespaces', () => {
    expect(planError(app('labels:\n  com.docker.compose.project: other')).problem).toBe('label com.docker.compose.project is reserved');
    expect(planError(app('labels:\n  - dev.kafkalab.managed=false')).problem).toBe('label dev.kafkalab.managed is reserved');
  });

  it('hashes the service config stably: key order does not matter, a changed value does, depends_on and profiles do not', () => {
    const hash = (yaml: string) => plan(yaml).services.find((s) => s.service === 'app')?.create.Labels?.['com.docker.compose.config-hash'];
    const base = hash('name: demo\nservices:\n  app:\n    image: x\n    environment:\n      A: "1"\n      B: "2"\n  db:\n    image: y\n');
    expect(hash('name: demo\nservices:\n  app:\n    environment:\n      B: "2"\n      A: "1"\n    image: x\n  db:\n    image: y\n')).toBe(base);
    expect(hash('name: demo\nservices:\n  app:\n    image: x\n    environment:\n      A: "1"\n      B: "3"\n  db:\n    image: y\n')).not.toBe(base);
    expect(hash('name: demo\nservices:\n  app:\n    image: x\n    environment:\n      A: "1"\n      B: "2"\n    depends_on: [db]\n  db:\n    image: y\n')).toBe(base);
  });

  it('chooses the project name by Compose\'s precedence: given, COMPOSE_PROJECT_NAME, name:, the directory', () => {
    const yaml = 'name: from-file\nservices:\n  app:\n    image: x\n';
    expect(plan(yaml, { projectName: 'given', env: { COMPOSE_PROJECT_NAME: 'fromenv' } }).project).toBe('given');
    expect(plan(yaml, { env: { COMPOSE_PROJECT_NAME: 'fromenv' } }).project).toBe('fromenv');
    expect(plan(yaml).project).toBe('from-file');
    expect(plan('name: ${STACK:-My Stack!}\nservices:\n  app:\n    image: x\n').project).toBe('mystack');
    expect(plan('services:\n  app:\n    image: x\n', { configFile: '/srv/Kafka Lab/compose.yml' }).project).toBe('kafkalab');
    expect(plan('services:\n  app:\n    image: x\n', { configFile: '/srv/Kafka Lab/compose.yml' }).services[0].containerName).toBe('kafkalab-app-1');
    const invalid = planError(yaml, { projectName: 'Not Valid' });
    expect(invalid.problem).toBe('project name "Not Valid" is invalid (from the caller)');
  });

  it('refuses two services with one container name', () => {
    expect(planError('name: demo\nservices:\n  a:\n    image: x\n    container_name: same\n  b:\n    image: x\n    container_name: same\n').problem).toBe("container name same is already a's");
  });
});

describe('restart, command and the rest of the container', () => {
  it('maps restart policies to the Engine\'s', () => {
    const restart = (value: string) => service(plan(app(`restart: "${value}"`)), 'app').create.HostConfig?.RestartPolicy;
    expect(restart('no')).toEqual({ Name: 'no' });
    expect(restart('unless-stopped')).toEqual({ Name: 'unless-stopped' });
    expect(restart('on-failure:3')).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(service(plan(app('')), 'app').create.HostConfig?.RestartPolicy).toEqual({ Name: 'no' });
    expect(planError(app('restart: sometimes')).keyPath).toBe('services.app.restart');
  });

  it('splits a string command the way Compose does and passes a list as it is', () => {
    const create = service(plan(app(`command: sh -c 'echo "a b"' "x y" z\\ w\nentrypoint: ["/bin/tini", "--"]\nuser: 1000\nworking_dir: /app\nstop_grace_period: 1m\nstop_signal: SIGINT`)), 'app').create;
    expect(create).toMatchObject({ Cmd: ['sh', '-c', 'echo "a b"', 'x y', 'z w'], Entrypoint: ['/bin/tini', '--'], User: '1000', WorkingDir: '/app', StopTimeout: 60, StopSignal: 'SIGINT' });
    expect(planError(app(`command: echo "unterminated`)).problem).toContain('unterminated " quote');
  });
});

describe('static addresses (for podman)', () => {
  const file = `name: demo
services:
  zk:
    image: zookeeper
    hostname: zk-host
    container_name: zk-box
  broker:
    image: kafka
  ui:
    image: akhq
`;

  it('gives the network a fixed subnet, each container an address by its position in the file, and /etc/hosts entries for the others', () => {
    const result = plan(file, { staticAddresses: { subnet: '172.30.57.0/24' } });
    expect(result.network.create.IPAM).toEqual({ Driver: 'default', Config: [{ Subnet: '172.30.57.0/24', Gateway: '172.30.57.1' }] });
    expect(result.services.map((s) => [s.service, s.address])).toEqual([['zk', '172.30.57.2'], ['broker', '172.30.57.3'], ['ui', '172.30.57.4']]);
    expect(service(result, 'broker').create.NetworkingConfig?.EndpointsConfig?.demo_default).toEqual({ Aliases: ['demo-broker-1', 'broker'], IPAMConfig: { IPv4Address: '172.30.57.3' } });
    expect(service(result, 'broker').create.HostConfig?.ExtraHosts).toEqual(['zk:172.30.57.2', 'zk-host:172.30.57.2', 'zk-box:172.30.57.2', 'ui:172.30.57.4', 'demo-ui-1:172.30.57.4']);
    expect(service(result, 'zk').create.HostConfig?.ExtraHosts).toEqual(['broker:172.30.57.3', 'demo-broker-1:172.30.57.3', 'ui:172.30.57.4', 'demo-ui-1:172.30.57.4']);
  });

  it('moves no address when a service is left out, and names nothing that is not running', () => {
    const result = plan(file, { staticAddresses: { subnet: '10.9.0.0/16' }, without: ['broker'] });
    expect(result.services.map((s) => [s.service, s.address])).toEqual([['zk', '10.9.0.2'], ['ui', '10.9.0.4']]);
    expect(service(result, 'ui').create.HostConfig?.ExtraHosts).toEqual(['zk:10.9.0.2', 'zk-host:10.9.0.2', 'zk-box:10.9.0.2']);
  });

  it('sets no address, IPAM or ExtraHosts without the option', () => {
    const result = plan(file);
    expect(result.network.create.IPAM).toBeUndefined();
    expect(service(result, 'zk').create.HostConfig?.ExtraHosts).toBeUndefined();
    expect(service(result, 'zk').address).toBeUndefined();
  });

  it('refuses a subnet that is not one or has no room', () => {
    expect(planError(file, { staticAddresses: { subnet: '172.30.57.0' } }).problem).toBe('"172.30.57.0" is not an IPv4 subnet from /8 to /30');
    expect(planError(file, { staticAddresses: { subnet: '172.30.57.0/30' } }).problem).toBe('subnet 172.30.57.0/30 has room for 1 containers, not 3');
  });
});

describe("the repository's docker-compose.yml (chapter 4's stack)", () => {
  const configFile = fileURLToPath(new URL('../../docker-compose.yml', import.meta.url));
  const yaml = readFileSync(configFile, 'utf8');
  const stack = (options: Partial<ComposePlanOptions> = {}) => planCompose(yaml, { env: {}, configFile, ...options });

  it('is project kafkalab: ZooKeepers, then brokers, then AKHQ, with no warnings', () => {
    const result = stack();
    expect(result.project).toBe('kafkalab');
    expect(result.services.map((s) => s.service)).toEqual(['zookeeper-1', 'zookeeper-2', 'zookeeper-3', 'kafka-1', 'kafka-2', 'kafka-3', 'akhq']);
    expect(result.services.map((s) => s.containerName)).toEqual(['zookeeper-1', 'zookeeper-2', 'zookeeper-3', 'kafka-1', 'kafka-2', 'kafka-3', 'akhq']);
    expect(result.omitted).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.network.name).toBe('kafkalab_default');
    expect(result.volumes.map((v) => v.name)).toEqual([1, 2, 3].flatMap((n) => [`kafkalab_zookeeper-${n}-data`, `kafkalab_zookeeper-${n}-log`]).concat([1, 2, 3].map((n) => `kafkalab_kafka-${n}-data`)));
    for (const s of result.services) expect(s.create.Labels?.['com.docker.compose.project']).toBe('kafkalab');
  });

  it('runs a three-server ensemble: ids 1..3, client port 2181 published as N2181, identical ZOOKEEPER_SERVERS, srvr healthcheck', () => {
    const result = stack();
    const zookeepers = [1, 2, 3].map((n) => service(result, `zookeeper-${n}`));
    const servers = zookeepers.map((zk) => zk.environment.ZOOKEEPER_SERVERS);
    expect(new Set(servers).size).toBe(1);
    expect(servers[0].split(';')).toEqual(['zookeeper-1:2888:3888', 'zookeeper-2:2888:3888', 'zookeeper-3:2888:3888']);
    zookeepers.forEach((zk, index) => {
      const n = index + 1;
      expect(zk.image).toBe('confluentinc/cp-zookeeper:7.9.1');
      expect(zk.hostname).toBe(`zookeeper-${n}`);
      expect(zk.environment.ZOOKEEPER_SERVER_ID).toBe(String(n));
      expect(zk.environment.ZOOKEEPER_CLIENT_PORT).toBe('2181');
      expect(zk.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: n * 10000 + 2181, containerPort: 2181, protocol: 'tcp' }]);
      expect(zk.healthcheck?.test[0]).toBe('CMD-SHELL');
      expect(zk.healthcheck?.test[1]).toContain('srvr');
      expect(zk.dependsOn).toEqual([]);
      expect(zk.mounts.map((m) => m.volume)).toEqual([`zookeeper-${n}-data`, `zookeeper-${n}-log`]);
      expect(zk.create.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    });
  });

  it('runs three brokers that wait for a healthy ensemble, each with INTERNAL kafka-N:9092 and EXTERNAL localhost:N9092 published 1:1, RF 3, min ISR 2', () => {
    const result = stack();
    for (const n of [1, 2, 3]) {
      const broker = service(result, `kafka-${n}`);
      const external = n * 10000 + 9092;
      expect(broker.image).toBe('confluentinc/cp-kafka:7.9.1');
      expect(broker.dependsOn).toEqual([1, 2, 3].map((z) => ({ service: `zookeeper-${z}`, condition: 'service_healthy' })));
      expect(broker.environment).toMatchObject({
        KAFKA_BROKER_ID: String(n),
        KAFKA_ZOOKEEPER_CONNECT: 'zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181',
        KAFKA_LISTENERS: `INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:${external}`,
        KAFKA_ADVERTISED_LISTENERS: `INTERNAL://kafka-${n}:9092,EXTERNAL://localhost:${external}`,
        KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
        KAFKA_DEFAULT_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '3',
      });
      expect(broker.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: external, containerPort: external, protocol: 'tcp' }]);
      expect(broker.healthcheck).toBeDefined();
      expect(broker.mounts).toEqual([{ volume: `kafka-${n}-data`, target: '/var/lib/kafka/data', readOnly: false }]);
    }
  });

  it('runs AKHQ on 8080 after the brokers, bootstrapping through the INTERNAL listeners', () => {
    const akhq = service(stack(), 'akhq');
    expect(akhq.dependsOn.map((d) => d.service)).toEqual(['kafka-1', 'kafka-2', 'kafka-3']);
    expect(akhq.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 8080, protocol: 'tcp' }]);
    expect(akhq.environment.AKHQ_CONFIGURATION).toContain('bootstrap.servers: "kafka-1:9092,kafka-2:9092,kafka-3:9092"');
  });

  it('leaves AKHQ out with without: [akhq], and no broker without its ZooKeepers', () => {
    const result = stack({ without: ['akhq'] });
    expect(result.services.map((s) => s.service)).not.toContain('akhq');
    expect(result.omitted).toEqual([{ service: 'akhq', reason: 'left out on request (--without akhq)' }]);
    expect(planError(yaml, { configFile, without: ['zookeeper-2'] }).problem).toBe('kafka-1 depends on zookeeper-2, which is left out: left out on request (--without zookeeper-2)');
  });

  it('takes the images from KAFKALAB_KAFKA_IMAGE and KAFKALAB_ZOOKEEPER_IMAGE', () => {
    const result = stack({ env: { KAFKALAB_KAFKA_IMAGE: 'kafkalab/node:test', KAFKALAB_ZOOKEEPER_IMAGE: 'kafkalab/zookeeper:test' } });
    expect(result.services.map((s) => s.image)).toEqual([...Array(3).fill('kafkalab/zookeeper:test'), ...Array(3).fill('kafkalab/node:test'), 'tchiotludo/akhq:0.25.1']);
  });
});
