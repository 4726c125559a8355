import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';

/** A value written either as a map (`KEY: value`) or as a list (`- KEY=value`), as `environment` and `labels` may be. */
export type MappingOrList = string[] | Record<string, string | number | boolean | null>;

/**
 * The entries of a map-or-list in file order, values as strings (numbers and booleans the way YAML
 * wrote them: `2000`, `true`); `undefined` for an entry without a value (`KEY:` or `- KEY`). A key
 * written twice keeps the last value.
 */
export function mappingOrListEntries(value: MappingOrList, path: readonly KeyPathSegment[]): Map<string, string | undefined> {
  const entries = new Map<string, string | undefined>();
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const equals = item.indexOf('=');
      const key = equals < 0 ? item : item.slice(0, equals);
      if (key.trim() === '') throw new ComposeFileError([...path, index], `${JSON.stringify(item)} has no name before =`, 'Write "NAME=value".');
      entries.set(key, equals < 0 ? undefined : item.slice(equals + 1));
    });
  } else {
    for (const [key, item] of Object.entries(value)) entries.set(key, item === null ? undefined : String(item));
  }
  return entries;
}

/**
 * A service's environment. An entry without a value takes the variable from the environment Compose
 * runs in, as Compose does, and is left out when that is unset too.
 */
export function resolveEnvironment(value: MappingOrList | undefined, env: Record<string, string | undefined>, path: readonly KeyPathSegment[]): Record<string, string> {
  const resolved: Record<string, string> = {};
  if (value === undefined) return resolved;
  for (const [key, item] of mappingOrListEntries(value, path)) {
    const final = item ?? env[key];
    if (final !== undefined) resolved[key] = final;
  }
  return resolved;
}
