import { ComposeFileError } from './compose-file-error.ts';

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

/** One entry of a service's `depends_on:`. */
export interface Dependency {
  service: string;
  condition: DependencyCondition;
  /** Restart this service when the dependency is restarted by Compose (`restart: true`). */
  restart: boolean;
  /** false: the dependency may be absent (left out, or in a profile that is not active). */
  required: boolean;
}

/** `depends_on:` as the schema lets it through: a list of names, or a map name → { condition, restart, required }. */
export type DependsOnSyntax = string[] | Record<string, { condition: DependencyCondition; restart?: boolean; required?: boolean }>;

/** The list form means "started"; the map form says which condition, as Compose reads both. */
export function normaliseDependsOn(syntax: DependsOnSyntax | undefined): Dependency[] {
  if (syntax === undefined) return [];
  if (Array.isArray(syntax)) return syntax.map((service) => ({ service, condition: 'service_started', restart: false, required: true }));
  return Object.entries(syntax).map(([service, entry]) => ({
    service,
    condition: entry.condition,
    restart: entry.restart ?? false,
    required: entry.required ?? true,
  }));
}

/** Compose's `com.docker.compose.depends_on` label value: `service:condition:restart`, comma-separated. */
export function dependsOnLabel(dependencies: readonly Dependency[]): string {
  return dependencies.map((dependency) => `${dependency.service}:${dependency.condition}:${dependency.restart}`).join(',');
}

/**
 * The services in start order: each after every service it depends on, otherwise in file order.
 * `dependsOn` must name only services in `services`. A cycle is an error that spells it out.
 */
export function startOrder(services: ReadonlyArray<{ service: string; dependsOn: readonly Dependency[] }>): string[] {
  const placed = new Set<string>();
  const order: string[] = [];
  while (order.length < services.length) {
    const next = services.find(({ service, dependsOn }) => !placed.has(service) && dependsOn.every((dependency) => placed.has(dependency.service)));
    if (next === undefined) throw cycleError(services.filter(({ service }) => !placed.has(service)));
    placed.add(next.service);
    order.push(next.service);
  }
  return order;
}

function cycleError(waiting: ReadonlyArray<{ service: string; dependsOn: readonly Dependency[] }>): ComposeFileError {
  const edges = new Map(waiting.map(({ service, dependsOn }) => [service, dependsOn.map((dependency) => dependency.service)]));
  // Every waiting service waits on another waiting one: walk the first edges until a service repeats.
  const walk: string[] = [waiting[0].service];
  for (;;) {
    const next = (edges.get(walk[walk.length - 1]) ?? []).find((service) => edges.has(service)) as string;
    const seen = walk.indexOf(next);
    if (seen >= 0) {
      const cycle = [...walk.slice(seen), next];
      return new ComposeFileError(
        ['services', cycle[0], 'depends_on'],
        `dependency cycle: ${cycle.join(' -> ')}`,
        'Remove one of these depends_on entries: no service can start before the others.',
      );
    }
    walk.push(next);
  }
}
