import { describe, expect, it } from 'vitest';
import { chooseRuntime } from './runtime-choice.ts';

const podman = { name: 'Podman', version: '4.3.1' };
const images = (...present: boolean[]) => present.map((p, i) => ({ name: `image-${i + 1}`, present: p }));

describe('chooseRuntime', () => {
  it('is docker when an engine answers and every image is present', () => {
    expect(chooseRuntime({ engine: podman, images: images(true, true) })).toEqual({ kind: 'docker', reason: 'Podman 4.3.1 answered and every image the stack needs is present' });
  });

  it('is embedded without an engine, whatever the images', () => {
    expect(chooseRuntime({ engine: null, images: [] })).toEqual({ kind: 'embedded', reason: 'no Docker-compatible engine answered' });
  });

  it('is embedded when images are missing and not known to be pullable, and says how to get them', () => {
    const choice = chooseRuntime({ engine: podman, images: images(true, false, false) });
    expect(choice.kind).toBe('embedded');
    expect(choice.reason).toBe(
      'Podman 4.3.1 answered but image-2, image-3 are missing: run `kafkalab images pull` (or `kafkalab images build` for kafkalab\'s own images), or start with --runtime docker to pull at start',
    );
    expect(chooseRuntime({ engine: podman, images: images(false), pullable: true })).toEqual({ kind: 'docker', reason: 'Podman 4.3.1 answered; image-1 will be pulled at start' });
  });

  it('follows --runtime whatever it finds', () => {
    expect(chooseRuntime({ forced: 'embedded', engine: podman, images: images(true) })).toEqual({ kind: 'embedded', reason: 'forced with --runtime embedded' });
    expect(chooseRuntime({ forced: 'docker', engine: podman, images: images(false)}).kind).toBe('docker');
    expect(chooseRuntime({ forced: 'docker', engine: null, images: [] }).reason).toMatch(/no container engine answered: start will fail/);
  });
});
