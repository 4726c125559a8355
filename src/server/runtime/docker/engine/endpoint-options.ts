/**
 * Turns a Docker endpoint (`unix://`, `tcp://`, `npipe://`, as DOCKER_HOST and docker contexts write it)
 * into dockerode options, honouring TLS as the docker CLI does: DOCKER_TLS_VERIFY set → https with
 * ca.pem, cert.pem, key.pem from DOCKER_CERT_PATH (default ~/.docker); missing files are a clear problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineCandidate } from './engine-candidate.ts';

export interface TlsSettings {
  /** Verify the engine's certificate (DOCKER_TLS_VERIFY). */
  verify: boolean;
  /** Directory with ca.pem, cert.pem, key.pem. */
  certPath: string;
}

export function candidateFor(endpoint: string, source: string, tls?: TlsSettings): EngineCandidate {
  const scheme = /^([a-z]+):\/\//i.exec(endpoint)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'unix':
      return { endpoint, source, options: { socketPath: endpoint.slice('unix://'.length) } };
    case 'npipe':
      // npipe:////./pipe/docker_engine → //./pipe/docker_engine
      return { endpoint, source, options: { socketPath: endpoint.slice('npipe://'.length).replace(/^\/\/\/\//, '//') } };
    case 'tcp':
    case 'http':
    case 'https':
      return tcpCandidate(endpoint, source, scheme, tls);
    case 'ssh':
      return { endpoint, source, problem: 'ssh:// endpoints are not supported; forward the remote socket (ssh -L /tmp/docker.sock:/var/run/docker.sock HOST) and set DOCKER_HOST=unix:///tmp/docker.sock' };
    default:
      return { endpoint, source, problem: `not an endpoint kafkalab understands (use unix:///path/docker.sock, tcp://host:port or npipe:////./pipe/name)` };
  }
}

function tcpCandidate(endpoint: string, source: string, scheme: string, tls?: TlsSettings): EngineCandidate {
  let url: URL;
  try {
    url = new URL(endpoint.replace(/^tcp:/i, 'http:'));
  } catch {
    return { endpoint, source, problem: 'not a valid tcp:// address (tcp://host:port)' };
  }
  const secure = scheme === 'https' || tls?.verify === true;
  const port = url.port ? Number(url.port) : secure ? 2376 : 2375;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!secure) return { endpoint, source, options: { host, port, protocol: 'http' } };
  const certPath = tls?.certPath ?? '';
  const missing = ['ca.pem', 'cert.pem', 'key.pem'].filter((file) => !existsSync(join(certPath, file)));
  if (missing.length > 0) {
    return {
      endpoint,
      source,
      problem: `TLS is on (DOCKER_TLS_VERIFY) but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing in ${certPath || '(no DOCKER_CERT_PATH)'}; set DOCKER_CERT_PATH to the directory with ca.pem, cert.pem and key.pem`,
    };
  }
  const read = (file: string) => readFileSync(join(certPath, file));
  return { endpoint, source, options: { host, port, protocol: 'https', ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') } };
}
