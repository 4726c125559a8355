import { ComposeFileError } from './compose-file-error.ts';
import type { Dependency } from './depends-on.ts';

interface Candidate {
  service: string;
  profiles: readonly string[];
  dependsOn: readonly Dependency[];
}

/** Which services run: kept ones with their dependencies on left-out services dropped, and the left-out ones with why. */
export interface Selection {
  kept: Map<string, Dependency[]>;
  omitted: Array<{ service: string; reason: string }>;
  warnings: string[];
}

/**
 * Leaves out the services in `without` and those whose `profiles:` are all inactive (as Compose: a
 * service without profiles always runs; profile "*" activates all). A kept service that depends on a
 * left-out one is an error unless that dependency says `required: false`; a dependency on a service
 * the file does not have is an error too (a warning when not required, as Compose).
 */
export function selectServices(candidates: readonly Candidate[], options: { without: readonly string[]; profiles: readonly string[] }): Selection {
  const names = candidates.map((candidate) => candidate.service);
  for (const name of options.without) {
    if (!names.includes(name)) {
      throw new ComposeFileError(['services'], `cannot leave out ${JSON.stringify(name)}: there is no such service`, `The services are: ${names.join(', ')}.`);
    }
  }
  const active = new Set(options.profiles);
  const omitted: Selection['omitted'] = [];
  for (const { service, profiles } of candidates) {
    if (options.without.includes(service)) omitted.push({ service, reason: `left out on request (--without ${service})` });
    else if (profiles.length > 0 && !active.has('*') && !profiles.some((profile) => active.has(profile))) {
      omitted.push({ service, reason: `runs only with profile ${profiles.join(' or ')}, which is not active (--profile ${profiles[0]})` });
    }
  }
  const reasonFor = new Map(omitted.map(({ service, reason }) => [service, reason]));

  const kept = new Map<string, Dependency[]>();
  const warnings: string[] = [];
  for (const { service, dependsOn } of candidates) {
    if (reasonFor.has(service)) continue;
    const needed: Dependency[] = [];
    for (const dependency of dependsOn) {
      const path = ['services', service, 'depends_on', dependency.service];
      if (!names.includes(dependency.service)) {
        if (dependency.required) throw new ComposeFileError(path, `${service} depends on undefined service ${dependency.service}`, `The services are: ${names.join(', ')}.`);
        warnings.push(`${service} depends on ${dependency.service}, which the file does not have (not required, so ignored).`);
      } else if (reasonFor.has(dependency.service)) {
        if (dependency.required) {
          throw new ComposeFileError(
            path,
            `${service} depends on ${dependency.service}, which is left out: ${reasonFor.get(dependency.service)}`,
            `Keep ${dependency.service}, or leave ${service} out as well.`,
          );
        }
      } else {
        needed.push(dependency);
      }
    }
    kept.set(service, needed);
  }
  return { kept, omitted, warnings };
}
