/** ZooKeeper path rules (`common/PathUtils.java` `validatePath`) and path arithmetic. */

/** Why `path` is not a valid znode path, or `undefined` when it is. */
export function invalidPathReason(path: string, isSequential = false): string | undefined {
  // A sequential create may end in '/', because the counter is appended (`PathUtils.validatePath(path, isSequential)`).
  const checked = isSequential ? `${path}1` : path;
  if (checked.length === 0) return 'Path length must be > 0';
  if (checked[0] !== '/') return 'Path must start with / character';
  if (checked.length === 1) return undefined;
  if (checked.endsWith('/')) return 'Path must not end with / character';
  const segments = checked.split('/').slice(1);
  for (const segment of segments) {
    if (segment === '') return 'empty node name specified';
    if (segment === '.' || segment === '..') return 'relative paths not allowed';
  }
  for (let i = 0; i < checked.length; i++) {
    const c = checked.charCodeAt(i);
    if (c === 0) return 'null character not allowed';
    if ((c > 0x00 && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xf8ff) || (c >= 0xfff0 && c <= 0xffff)) {
      return `invalid character @${i}`;
    }
  }
  return undefined;
}

/** `/a/b` -> `/a`; `/a` -> `/`; `/` -> `''`. */
export function parentOf(path: string): string {
  if (path === '/') return '';
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** `/a/b` -> `b`. */
export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `childPath('/', 'a')` -> `/a`; `childPath('/a', 'b')` -> `/a/b`. */
export function childPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

/** The znodes every ZooKeeper server has and refuses to delete (`ZKDatabase.isSpecialPath`). */
export const systemPaths = ['/', '/zookeeper', '/zookeeper/quota', '/zookeeper/config'] as const;

export function isSystemPath(path: string): boolean {
  return (systemPaths as readonly string[]).includes(path);
}
