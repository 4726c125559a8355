import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineCandidates } from './engine-candidates.ts';
import type { CandidateHost } from './engine-candidates.ts';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'kafkalab-engine-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const linux = (): CandidateHost => ({ platform: 'linux', home, uid: 1000 });
const endpoints = (env: NodeJS.ProcessEnv, host = linux()) => engineCandidates(env, host).map((c) => `${c.source} ${c.endpoint}`);

/** Writes a docker context as `docker context create NAME --docker host=HOST` does. */
function writeContext(name: string, host: string, current = true): void {
  const id = createHash('sha256').update(name).digest('hex');
  mkdirSync(join(home, '.docker', 'contexts', 'meta', id), { recursive: true });
  writeFileSync(join(home, '.docker', 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  if (current) writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
}

describe('engineCandidates', () => {
  it('tries the well-known sockets in order when nothing is configured', () => {
    expect(endpoints({ XDG_RUNTIME_DIR: '/run/user/1000' })).toEqual([
      'default socket unix:///var/run/docker.sock',
      `Docker Desktop unix://${home}/.docker/run/docker.sock`,
      `Docker Desktop unix://${home}/.docker/desktop/docker.sock`,
      'rootless Docker unix:///run/user/1000/docker.sock',
      'podman (rootless) unix:///run/user/1000/podman/podman.sock',
      'podman (rootful) unix:///run/podman/podman.sock',
      `Colima unix://${home}/.colima/default/docker.sock`,
      `Rancher Desktop unix://${home}/.rd/docker.sock`,
    ]);
  });

  it('tries the macOS engines’ sockets on macOS', () => {
    expect(endpoints({}, { platform: 'darwin', home, uid: 501 })).toEqual([
      'default socket unix:///var/run/docker.sock',
      `Docker Desktop unix://${home}/.docker/run/docker.sock`,
      `Docker Desktop unix://${home}/.docker/desktop/docker.sock`,
      `podman machine unix://${home}/.local/share/containers/podman/machine/podman.sock`,
      `podman machine unix://${home}/.local/share/containers/podman/machine/qemu/podman.sock`,
      `Colima unix://${home}/.colima/default/docker.sock`,
      `Rancher Desktop unix://${home}/.rd/docker.sock`,
      `OrbStack unix://${home}/.orbstack/run/docker.sock`,
    ]);
  });

  it('puts DOCKER_HOST first, then the current docker context', () => {
    writeContext('colima-ish', 'unix:///somewhere/docker.sock');
    const list = endpoints({ DOCKER_HOST: 'tcp://10.0.0.5:2375', XDG_RUNTIME_DIR: '/tmp/xdg' });
    expect(list.slice(0, 2)).toEqual(['DOCKER_HOST tcp://10.0.0.5:2375', 'docker context colima-ish unix:///somewhere/docker.sock']);
    expect(list).toContain('rootless Docker unix:///tmp/xdg/docker.sock');
    expect(list).toContain('rootless Docker unix:///run/user/1000/docker.sock');
  });

  it('reads DOCKER_CONTEXT and DOCKER_CONFIG like the docker CLI, and ignores the default context', () => {
    writeContext('other', 'unix:///other.sock', false);
    expect(endpoints({ DOCKER_CONTEXT: 'other' })[0]).toBe('docker context other unix:///other.sock');
    expect(endpoints({ DOCKER_CONTEXT: 'default' })[0]).toBe('default socket unix:///var/run/docker.sock');
    expect(endpoints({ DOCKER_CONFIG: join(home, 'nowhere'), DOCKER_CONTEXT: 'other' })[0]).toMatch(/^docker context other context other$/);
    const missing = engineCandidates({ DOCKER_CONFIG: join(home, 'nowhere'), DOCKER_CONTEXT: 'other' }, linux())[0];
    expect(missing.problem).toMatch(/the docker context "other" has no docker endpoint/);
  });

  it('lists an endpoint found twice once, under its first source', () => {
    const list = endpoints({ DOCKER_HOST: 'unix:///var/run/docker.sock' });
    expect(list.filter((e) => e.endsWith('unix:///var/run/docker.sock'))).toEqual(['DOCKER_HOST unix:///var/run/docker.sock']);
  });

  it('turns unix, tcp and npipe endpoints into dockerode options', () => {
    const [unix] = engineCandidates({ DOCKER_HOST: 'unix:///x/docker.sock' }, linux());
    expect(unix.options).toEqual({ socketPath: '/x/docker.sock' });
    const [tcp] = engineCandidates({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }, linux());
    expect(tcp.options).toEqual({ host: '127.0.0.1', port: 2375, protocol: 'http' });
    const windows = engineCandidates({}, { platform: 'win32', home });
    expect(windows.map((c) => `${c.source} ${c.endpoint}`)).toEqual([
      'Windows named pipe npipe:////./pipe/docker_engine',
      'Docker Desktop npipe:////./pipe/dockerDesktopLinuxEngine',
      'podman machine npipe:////./pipe/podman-machine-default',
    ]);
    expect(windows[0].options).toEqual({ socketPath: '//./pipe/docker_engine' });
  });

  it('honours DOCKER_TLS_VERIFY with DOCKER_CERT_PATH, and refuses it clearly without the certificates', () => {
    const certs = join(home, 'certs');
    mkdirSync(certs);
    const env = { DOCKER_HOST: 'tcp://docker.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs };
    const [refused] = engineCandidates(env, linux());
    expect(refused.options).toBeUndefined();
    expect(refused.problem).toBe(`TLS is on (DOCKER_TLS_VERIFY) but ca.pem, cert.pem, key.pem are missing in ${certs}; set DOCKER_CERT_PATH to the directory with ca.pem, cert.pem and key.pem`);
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, file), `${file} bytes`);
    const [secure] = engineCandidates(env, linux());
    expect(secure.problem).toBeUndefined();
    expect(secure.options).toMatchObject({ host: 'docker.example', port: 2376, protocol: 'https' });
    expect(String(secure.options?.ca)).toBe('ca.pem bytes');
  });

  it('says why an ssh:// or unknown endpoint cannot be tried', () => {
    expect(engineCandidates({ DOCKER_HOST: 'ssh://me@box' }, linux())[0].problem).toMatch(/^ssh:\/\/ endpoints are not supported; forward the remote socket/);
    expect(engineCandidates({ DOCKER_HOST: 'docker.sock' }, linux())[0].problem).toMatch(/not an endpoint kafkalab understands/);
  });
});
