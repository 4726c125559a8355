import { describe, expect, it } from 'vitest';
import { randomUuid } from './random-uuid.ts';

describe('randomUuid', () => {
  it('has the shape of a version 4 UUID, as crypto.randomUUID gives', () => {
    const uuid = randomUuid();
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid).toHaveLength(crypto.randomUUID().length);
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => randomUuid()));
    expect(seen.size).toBe(1000);
  });
});
