import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';

/** A named volume mounted into a service's container. */
export interface VolumeMount {
  /** The volume's key under the top-level `volumes:` (`zookeeper-1-data`). */
  volume: string;
  /** Absolute path inside the container. */
  target: string;
  readOnly: boolean;
}

/** Compose's long volume syntax, as the schema lets it through. */
export interface LongVolumeSyntax {
  type: string;
  source?: string;
  target: string;
  read_only?: boolean;
}

const BIND_REFUSED_HINT =
  'Use a named volume declared under the top-level `volumes:` ("NAME:/path/in/container"): the engine creates it owned by the image\'s user, and `down --volumes` removes it. kafkalab never mounts host paths.';

/**
 * The mount one `volumes:` entry of a service stands for. Only named volumes declared in the file's
 * top-level `volumes:` are accepted: bind mounts of host paths ("./data:/data", "/srv:/data") and
 * anonymous volumes ("/data") are refused with the reason.
 */
export function parseVolumeEntry(entry: string | LongVolumeSyntax, declared: ReadonlySet<string>, path: readonly KeyPathSegment[]): VolumeMount {
  const { type, source, target, readOnly } = typeof entry === 'string' ? parseShortSyntax(entry, path) : fromLongSyntax(entry, path);
  if (type === 'bind') throw new ComposeFileError(path, `bind mount of the host path ${JSON.stringify(source)} is not supported`, BIND_REFUSED_HINT);
  if (type !== 'volume') throw new ComposeFileError(path, `volume type ${JSON.stringify(type)} is not supported`, BIND_REFUSED_HINT);
  if (!source) {
    throw new ComposeFileError(path, `anonymous volume at ${target} is not supported`, 'Name it: declare NAME under the top-level `volumes:` and write "NAME:' + target + '".');
  }
  if (!target.startsWith('/')) throw new ComposeFileError(path, `mount target ${JSON.stringify(target)} is not an absolute path`, 'Write the path inside the container from / ("data:/var/lib/kafka/data").');
  if (!declared.has(source)) {
    throw new ComposeFileError(path, `refers to undefined volume ${source}`, `Declare it under the top-level \`volumes:\` (\`${source}:\` on a line of its own), as Compose requires.`);
  }
  return { volume: source, target, readOnly };
}

function parseShortSyntax(text: string, path: readonly KeyPathSegment[]): { type: string; source: string; target: string; readOnly: boolean } {
  if (/^[A-Za-z]:[\\/]/.test(text)) return { type: 'bind', source: text, target: '', readOnly: false };
  const parts = text.split(':');
  if (parts.length === 1) return { type: 'volume', source: '', target: parts[0], readOnly: false };
  if (parts.length > 3) throw new ComposeFileError(path, `${JSON.stringify(text)} is not a volume mount`, 'Write "NAME:/path" or "NAME:/path:ro".');
  const [source, target, mode = 'rw'] = parts;
  if (mode !== 'ro' && mode !== 'rw') throw new ComposeFileError(path, `volume mode ${JSON.stringify(mode)} is not supported`, 'Use ro (read-only) or rw (the default).');
  const bind = source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || source.includes('\\');
  return { type: bind ? 'bind' : 'volume', source, target, readOnly: mode === 'ro' };
}

function fromLongSyntax(entry: LongVolumeSyntax, path: readonly KeyPathSegment[]): { type: string; source: string; target: string; readOnly: boolean } {
  if (!entry.target) throw new ComposeFileError([...path, 'target'], 'a volume mount needs a target', 'Give the absolute path inside the container.');
  return { type: entry.type, source: entry.source ?? '', target: entry.target, readOnly: entry.read_only ?? false };
}
