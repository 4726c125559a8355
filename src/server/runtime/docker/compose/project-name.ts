import { basename, dirname } from 'node:path';
import { ComposeFileError } from './compose-file-error.ts';

/** Compose's rule (compose-go NormalizeProjectName): lower case, only [a-z0-9_-], not starting with _ or -. */
export function normaliseProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

/**
 * The project name, by Compose's precedence (compose-go cli.withNamePrecedenceLoad): one given
 * explicitly (`-p`), else COMPOSE_PROJECT_NAME, else the file's `name:` (normalised), else the
 * compose file's directory name (normalised). A name given explicitly must already be valid.
 */
export function resolveProjectName(input: { explicit?: string; env: Record<string, string | undefined>; nameInFile?: string; configFile: string }): string {
  const imperative = input.explicit ?? (input.env.COMPOSE_PROJECT_NAME || undefined);
  if (imperative !== undefined) {
    if (imperative === '' || normaliseProjectName(imperative) !== imperative) {
      throw new ComposeFileError(
        ['name'],
        `project name ${JSON.stringify(imperative)} is invalid (from ${input.explicit !== undefined ? 'the caller' : 'COMPOSE_PROJECT_NAME'})`,
        'A project name has only lower-case letters, digits, dashes and underscores, and starts with a letter or digit.',
      );
    }
    return imperative;
  }
  const name = normaliseProjectName(input.nameInFile ?? '') || normaliseProjectName(basename(dirname(input.configFile)));
  if (name === '') {
    throw new ComposeFileError(['name'], 'the project has no name', 'Add `name: kafkalab` at the top of the compose file, or set COMPOSE_PROJECT_NAME.');
  }
  return name;
}
