/**
 * What an engine is, from its /version answer. Podman lists a component `Podman Engine`; Docker Desktop
 * says so in `Platform.Name` ("Docker Desktop 4.34.0 (165256)"); Docker CE/EE say "Docker Engine - Community".
 * A registry of recognisers, first match wins; anything else is named by its Platform.Name.
 */
export interface EngineVersion {
  Version?: string;
  ApiVersion?: string;
  Platform?: { Name?: string };
  Components?: Array<{ Name?: string; Version?: string }>;
}

export interface EngineIdentity {
  name: string;
  version: string;
  apiVersion: string;
}

interface EngineRecogniser {
  name: string;
  matches(version: EngineVersion): boolean;
  /** The engine's own version (Podman's component version, not the Docker API's). */
  version?(version: EngineVersion): string | undefined;
}

const component = (version: EngineVersion, pattern: RegExp) => version.Components?.find((c) => pattern.test(c.Name ?? ''));
const platform = (version: EngineVersion) => version.Platform?.Name ?? '';

const RECOGNISERS: EngineRecogniser[] = [
  { name: 'Podman', matches: (v) => component(v, /^podman/i) !== undefined, version: (v) => component(v, /^podman/i)?.Version },
  { name: 'Docker Desktop', matches: (v) => /docker desktop/i.test(platform(v)) },
  { name: 'OrbStack', matches: (v) => /orbstack/i.test(platform(v)) },
  { name: 'Rancher Desktop', matches: (v) => /rancher/i.test(platform(v)) },
  { name: 'Docker Engine', matches: (v) => /docker engine/i.test(platform(v)) || component(v, /^engine$/i) !== undefined },
];

export function identifyEngine(version: EngineVersion): EngineIdentity {
  const recogniser = RECOGNISERS.find((candidate) => candidate.matches(version));
  return {
    name: recogniser?.name ?? (platform(version) || 'Docker-compatible engine'),
    version: recogniser?.version?.(version) ?? version.Version ?? 'unknown',
    apiVersion: version.ApiVersion ?? 'unknown',
  };
}
