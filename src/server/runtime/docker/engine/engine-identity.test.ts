import { describe, expect, it } from 'vitest';
import { identifyEngine } from './engine-identity.ts';

describe('identifyEngine', () => {
  it('names podman by its component and gives podman’s version, not the API’s', () => {
    // podman 4.3.1's /version, abridged.
    const podman = {
      Platform: { Name: 'linux/amd64/debian-12' },
      Components: [{ Name: 'Podman Engine', Version: '4.3.1' }, { Name: 'Conmon', Version: 'conmon version 2.1.6' }],
      Version: '4.3.1',
      ApiVersion: '1.41',
    };
    expect(identifyEngine(podman)).toEqual({ name: 'Podman', version: '4.3.1', apiVersion: '1.41' });
  });

  it('tells Docker Desktop from Docker Engine by the platform name', () => {
    expect(identifyEngine({ Platform: { Name: 'Docker Desktop 4.34.0 (165256)' }, Components: [{ Name: 'Engine', Version: '27.2.0' }], Version: '27.2.0', ApiVersion: '1.47' })).toEqual({
      name: 'Docker Desktop',
      version: '27.2.0',
      apiVersion: '1.47',
    });
    expect(identifyEngine({ Platform: { Name: 'Docker Engine - Community' }, Components: [{ Name: 'Engine', Version: '27.3.1' }], Version: '27.3.1', ApiVersion: '1.47' }).name).toBe('Docker Engine');
  });

  it('names an engine it does not know by what it says it is', () => {
    expect(identifyEngine({ Platform: { Name: 'Acme Containers' }, Version: '1.0' })).toEqual({ name: 'Acme Containers', version: '1.0', apiVersion: 'unknown' });
    expect(identifyEngine({}).name).toBe('Docker-compatible engine');
  });
});
