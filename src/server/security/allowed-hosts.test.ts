import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { AllowedHosts, parseHostHeader } from './allowed-hosts.ts';

describe('AllowedHosts', () => {
  it('allows the loopback names and the bound address, nothing else, by default', () => {
    const hosts = AllowedHosts.forBinding('127.0.0.1');
    for (const name of ['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '::1', '[::1]']) expect(hosts.allows(name), name).toBe(true);
    for (const name of ['evil.example', 'localhost.evil.example', '127.0.0.2', '0.0.0.0', '']) expect(hosts.allows(name), name).toBe(false);
  });

  it("adds the operator's names, and a wildcard binding's own interface addresses", () => {
    const hosts = AllowedHosts.forBinding('0.0.0.0', ['workshop.example']);
    expect(hosts.allows('workshop.example')).toBe(true);
    expect(hosts.allows('other.example')).toBe(false);
    const ownAddress = Object.values(networkInterfaces()).flat().find((address) => address && !address.internal)?.address;
    if (ownAddress) expect(hosts.allows(ownAddress)).toBe(true);
  });

  it('parses Host headers with and without ports, and rejects ones with more than a host', () => {
    expect(parseHostHeader('localhost:4321')).toEqual({ hostname: 'localhost', port: '4321' });
    expect(parseHostHeader('[::1]:4321')).toEqual({ hostname: '::1', port: '4321' });
    expect(parseHostHeader('127.0.0.1')).toEqual({ hostname: '127.0.0.1', port: '80' });
    expect(parseHostHeader('user@evil.example')).toBeNull();
    expect(parseHostHeader('evil.example/path')).toBeNull();
    expect(parseHostHeader('')).toBeNull();
  });
});
