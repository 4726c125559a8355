import { describe, expect, it } from 'vitest';
import { SessionSlots, type SlotStorage } from './session-slots.ts';

const memory = (): SlotStorage & { raw: Map<string, string> } => {
  const raw = new Map<string, string>();
  return { raw, getItem: (key) => raw.get(key) ?? null, setItem: (key, value) => void raw.set(key, value) };
};

describe('the shells a browser tab remembers', () => {
  it('keeps a session id per terminal slot across instances (a reload reads what the last page wrote)', () => {
    const storage = memory();
    new SessionSlots(storage).set(0, 'a');
    new SessionSlots(storage).set(2, 'c');
    const again = new SessionSlots(storage);
    expect(again.occupied()).toEqual([0, 2]);
    expect(again.get(0)).toBe('a');
    expect(again.get(1)).toBeUndefined();
    expect(again.get(2)).toBe('c');
  });

  it('forgets a closed terminal, and trims the list it writes', () => {
    const storage = memory();
    const slots = new SessionSlots(storage);
    slots.set(0, 'a');
    slots.set(1, 'b');
    slots.clear(1);
    expect(slots.occupied()).toEqual([0]);
    expect([...storage.raw.values()]).toEqual(['["a"]']);
  });

  it('survives what it cannot read: garbage, no storage, a storage that throws', () => {
    const garbage = memory();
    garbage.setItem('kafkalab.terminal.sessions', '{not json');
    expect(new SessionSlots(garbage).occupied()).toEqual([]);
    const none = new SessionSlots(null);
    none.set(0, 'a');
    expect(none.occupied()).toEqual([]);
    const throwing = new SessionSlots({ getItem: () => '["a"]', setItem: () => { throw new Error('QuotaExceededError'); } });
    expect(() => throwing.set(1, 'b')).not.toThrow();
  });
});
