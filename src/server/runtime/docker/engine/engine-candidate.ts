import type { DockerOptions } from 'dockerode';

/**
 * An endpoint discovery will try: how to reach it, or (`problem`) why it cannot be tried at all (a TLS
 * setting without its certificates, an ssh:// host) so that the reason is reported instead of a failed connect.
 */
export interface EngineCandidate {
  endpoint: string;
  source: string;
  options?: DockerOptions;
  problem?: string;
}
