import { describe, expect, it } from 'vitest';
import { isIsrEligible } from './isr-eligibility.ts';

describe('isIsrEligible', () => {
  it('refuses a replica the ongoing reassignment is removing, and only for that partition', () => {
    const topic = { removing: new Map([[0, [3]]]) };
    expect(isIsrEligible(topic, 0, 3)).toBe(false);
    expect(isIsrEligible(topic, 0, 2)).toBe(true);
    expect(isIsrEligible(topic, 1, 3)).toBe(true);
    expect(isIsrEligible({ removing: new Map() }, 0, 3)).toBe(true);
    expect(isIsrEligible(undefined, 0, 3)).toBe(true);
  });
});
