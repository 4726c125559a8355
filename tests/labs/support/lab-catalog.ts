/** A lab's English catalog has every key the lab's pages need: title, goal, each step's text and hints, each question. */
import { expect } from 'vitest';
import type { Lab } from '../../../src/labs/lab.ts';
import { labMessages } from '../../../src/labs/registry.ts';

export function expectCatalogComplete(lab: Lab): void {
  const messages = labMessages('en');
  const keys = [`labs.${lab.id}.title`, `labs.${lab.id}.goal`];
  for (const step of lab.steps) {
    keys.push(`labs.${lab.id}.${step.id}.title`, `labs.${lab.id}.${step.id}.instructions`);
    for (let hint = 1; hint <= step.hints; hint++) keys.push(`labs.${lab.id}.${step.id}.hint.${hint}`);
    expect(messages[`labs.${lab.id}.${step.id}.hint.${step.hints + 1}`], `${step.id} has more hints than step.hints says`).toBeUndefined();
    for (const question of step.questions ?? []) keys.push(`labs.${lab.id}.${question.id}.question`);
  }
  expect(keys.filter((key) => !messages[key])).toEqual([]);
}
