import type Docker from 'dockerode';

/** A container engine that answered: its client, where it was found, and what it says it is. */
export interface DockerEngine {
  /** dockerode client for this endpoint (no request timeout: pulls and log streams are long). */
  docker: Docker;
  /** `unix:///var/run/docker.sock`, `tcp://host:2376`, `npipe:////./pipe/docker_engine`. */
  endpoint: string;
  /** Why this endpoint was tried: `DOCKER_HOST`, `docker context NAME`, `default socket`, `Docker Desktop`, ... */
  source: string;
  /** `Docker Engine`, `Docker Desktop`, `Podman`, ... (engine-identity.ts). */
  name: string;
  /** The engine's own version (`27.3.1`, podman's `4.3.1`). */
  version: string;
  /** The Docker API version it serves (`1.41`). */
  apiVersion: string;
  /** Memory the engine's machine (or VM) has, from /info MemTotal. */
  memTotalBytes?: number;
}

/** An endpoint that was tried and did not answer, and why. */
export interface TriedEndpoint {
  endpoint: string;
  source: string;
  error: string;
}

export interface EngineDiscovery {
  engine: DockerEngine | null;
  tried: TriedEndpoint[];
}
