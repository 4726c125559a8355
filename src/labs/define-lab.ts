import type { Lab } from './lab.ts';

const ID = /^[a-z][a-z0-9-]*$/;

/** Declares a lab, checking what TypeScript cannot: ids well-formed and unique, every step graded. */
export function defineLab(lab: Lab): Lab {
  const fail = (what: string) => {
    throw new Error(`lab "${lab.id}": ${what}`);
  };
  if (!ID.test(lab.id)) fail('the id must be kebab-case');
  if (!Number.isInteger(lab.chapter) || lab.chapter < 1) fail('chapter must be a chapter number');
  if (lab.steps.length === 0) fail('a lab needs at least one step');
  const unique = (ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (!ID.test(id)) fail(`${what} id "${id}" must be kebab-case`);
      if (seen.has(id)) fail(`${what} id "${id}" is used twice`);
      seen.add(id);
    }
  };
  unique(lab.steps.map((step) => step.id), 'step');
  unique(lab.steps.flatMap((step) => (step.questions ?? []).map((question) => question.id)), 'question');
  for (const step of lab.steps) {
    unique(step.checks.map((check) => check.id), `step "${step.id}" check`);
    if (step.checks.length + (step.questions?.length ?? 0) === 0) fail(`step "${step.id}" has nothing to grade`);
  }
  return lab;
}
