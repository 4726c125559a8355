/**
 * Znode path rules (`PathUtils.validatePath`, ZooKeeper 3.8) and chroot handling: the client checks a
 * path before sending it, so a typo fails locally with a clear reason instead of a bare BADARGUMENTS.
 */

/** Why `path` is not a valid znode path, or `undefined` when it is. Sequential creates may end in `/`. */
export function invalidPathReason(path: string, sequential = false): string | undefined {
  if (typeof path !== 'string') return 'the path must be a string';
  if (path.length === 0) return 'the path is empty';
  if (path[0] !== '/') return 'the path must start with /';
  if (path.length === 1) return undefined;
  if (path.endsWith('/') && !sequential) return 'the path must not end with /';
  const segments = path.slice(1).split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (segment === '' && !(last && sequential)) return 'the path contains an empty node name (//)';
    if (segment === '.' || segment === '..') return 'relative paths (. and ..) are not allowed';
    for (const char of segment) {
      const code = char.codePointAt(0)!;
      if (code === 0) return 'the path contains a null character';
      if (
        code <= 0x1f ||
        (code >= 0x7f && code <= 0x9f) ||
        (code >= 0xd800 && code <= 0xf8ff) ||
        (code >= 0xfff0 && code <= 0xffff)
      ) {
        return `the path contains the invalid character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      }
    }
  }
  return undefined;
}

/** The server-side path of a client path under `chroot` (`undefined` or a validated `/a/b`). */
export function toServerPath(chroot: string | undefined, path: string): string {
  if (!chroot) return path;
  return path === '/' ? chroot : chroot + path;
}

/** The client path of a server-side path, or `undefined` when it lies outside the chroot. */
export function toClientPath(chroot: string | undefined, serverPath: string): string | undefined {
  if (!chroot) return serverPath;
  if (serverPath === chroot) return '/';
  if (serverPath.startsWith(chroot + '/')) return serverPath.slice(chroot.length);
  return undefined;
}

/** The parent of `/a/b` is `/a`; the parent of `/a` is `/`; `/` has none. */
export function parentPath(path: string): string | undefined {
  if (path === '/') return undefined;
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}
