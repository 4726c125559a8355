import { describe, expect, it } from 'vitest';
import { ZooKeeperClientError } from './client-error.ts';
import { parseConnectString, shuffled } from './connect-string.ts';

describe('parseConnectString', () => {
  it('reads hosts, default ports, IPv6 and a chroot', () => {
    expect(parseConnectString('zk1:2181, zk2 ,[::1]:2182/kafka/prod')).toEqual({
      servers: [
        { host: 'zk1', port: 2181 },
        { host: 'zk2', port: 2181 },
        { host: '::1', port: 2182 },
      ],
      chroot: '/kafka/prod',
    });
    expect(parseConnectString('127.0.0.1:1/').chroot).toBeUndefined();
  });

  it('rejects bad strings with a hint', () => {
    for (const bad of ['', ',', 'h:0', 'h:x', ':2181', 'h:2181/bad/', '[::1']) {
      expect(() => parseConnectString(bad), bad).toThrow(ZooKeeperClientError);
    }
    expect(() => parseConnectString('h:99999')).toThrow(/hint: write it as/);
  });
});

describe('shuffled', () => {
  it('returns a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5];
    const out = shuffled(input, () => 0);
    expect(out).toEqual([2, 3, 4, 5, 1]);
    expect(input).toEqual([1, 2, 3, 4, 5]);
    expect([...shuffled(input)].sort()).toEqual(input);
  });
});
