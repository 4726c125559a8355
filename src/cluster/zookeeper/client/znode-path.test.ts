import { describe, expect, it } from 'vitest';
import { invalidPathReason, parentPath, toClientPath, toServerPath } from './znode-path.ts';

describe('znode paths', () => {
  it('accepts what ZooKeeper accepts', () => {
    for (const ok of ['/', '/a', '/a/b-c_d.e', '/brokers/ids/1', '/ünï/✓', '/a/.b', '/a/..b']) {
      expect(invalidPathReason(ok), ok).toBeUndefined();
    }
    expect(invalidPathReason('/queue/', true)).toBeUndefined();
  });

  it('says why a path is invalid (PathUtils.validatePath)', () => {
    expect(invalidPathReason('')).toMatch(/empty/);
    expect(invalidPathReason('a/b')).toMatch(/start with \//);
    expect(invalidPathReason('/a/')).toMatch(/end with \//);
    expect(invalidPathReason('/a//b')).toMatch(/empty node name/);
    expect(invalidPathReason('/a/./b')).toMatch(/relative/);
    expect(invalidPathReason('/a/..')).toMatch(/relative/);
    expect(invalidPathReason('/a\u0000')).toMatch(/null/);
    expect(invalidPathReason('/a\u0007')).toMatch(/U\+0007/);
    expect(invalidPathReason('/a\uFFF5')).toMatch(/U\+FFF5/);
  });

  it('maps paths through a chroot', () => {
    expect(toServerPath(undefined, '/a')).toBe('/a');
    expect(toServerPath('/kafka', '/')).toBe('/kafka');
    expect(toServerPath('/kafka', '/a/b')).toBe('/kafka/a/b');
    expect(toClientPath('/kafka', '/kafka')).toBe('/');
    expect(toClientPath('/kafka', '/kafka/a')).toBe('/a');
    expect(toClientPath('/kafka', '/kafkaesque')).toBeUndefined();
    expect(toClientPath(undefined, '/x')).toBe('/x');
  });

  it('finds parents', () => {
    expect(parentPath('/a/b/c')).toBe('/a/b');
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('/')).toBeUndefined();
  });
});
