/** `PrepRequestProcessor.checkAndIncVersion`: -1 matches any version; returns the next version (a Java int). */
import { ErrorCode, ZooKeeperError } from '../../protocol/index.ts';

export function checkVersion(current: number, expected: number, path: string): number {
  if (expected !== -1 && expected !== current) throw new ZooKeeperError(ErrorCode.BADVERSION, path);
  return (current + 1) | 0;
}
