/**
 * ZooKeeper's `PathUtils.validatePath` (3.8.4) with its exact messages: the Java client checks a path
 * before sending it, and zookeeper-shell prints the reason (`Path must start with / character`).
 */

/** The reason `path` is not a valid znode path (Java's IllegalArgumentException message), or undefined. */
export function invalidPathMessage(path: string): string | undefined {
  if (path.length === 0) return 'Path length must be > 0';
  if (path[0] !== '/') return 'Path must start with / character';
  if (path.length === 1) return undefined;
  if (path[path.length - 1] === '/') return 'Path must not end with / character';
  const reason = invalidCharacterReason(path);
  return reason === undefined ? undefined : `Invalid path string "${path}" caused by ${reason}`;
}

function invalidCharacterReason(path: string): string | undefined {
  let last = '/';
  for (let i = 1; i < path.length; last = path[i], i++) {
    const c = path[i];
    const code = path.charCodeAt(i);
    if (code === 0) return `null character not allowed @${i}`;
    if (c === '/' && last === '/') return `empty node name specified @${i}`;
    if (c === '.' && last === '.') {
      if (path[i - 2] === '/' && (i + 1 === path.length || path[i + 1] === '/')) return `relative paths not allowed @${i}`;
    } else if (c === '.') {
      if (path[i - 1] === '/' && (i + 1 === path.length || path[i + 1] === '/')) return `relative paths not allowed @${i}`;
    } else if ((code > 0 && code <= 0x1f) || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xf8ff) || code >= 0xfff0) {
      return `invalid character @${i}`;
    }
  }
  return undefined;
}
