/**
 * What a lab step that needs a node action says on a runtime that cannot do it, with the course's own
 * English strings (src/content/i18n/en.json, as the page receives them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_ACTIONS } from '../../server/runtime/cluster-runtime.ts';
import { missingNodeActions, stepNeedsText } from './runtime-step-needs.ts';
import { UiStrings } from './ui-strings.ts';

const en = JSON.parse(readFileSync(new URL('../../content/i18n/en.json', import.meta.url), 'utf8')) as Record<string, string>;
const t = new UiStrings(en, 'en');

describe('a step that needs a node action', () => {
  it('misses nothing on a runtime that can do every action, and isolate and heal on one that only stops, starts and kills', () => {
    expect(missingNodeActions(['isolate', 'heal'], NODE_ACTIONS)).toEqual([]);
    expect(missingNodeActions(['stop', 'isolate', 'heal'], ['stop', 'start', 'kill'])).toEqual(['isolate', 'heal']);
  });

  it('names a network partition, the runtime that cannot make it, and what to do', () => {
    expect(stepNeedsText(['isolate', 'heal'], 'docker', t)).toBe('This step needs a network partition, which the Docker runtime cannot make; switch to the embedded cluster to do it.');
    expect(stepNeedsText(['kill'], 'docker', t)).toBe('This step needs to kill a node, which the Docker runtime cannot do; switch to the embedded cluster to do it.');
  });
});
