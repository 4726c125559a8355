import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http-error.ts';
import type { LabEngine } from '../labs/lab-engine.ts';
import { learnerOf } from '../labs/learner.ts';

// Any name in the path: an unknown lab or step is a 404 that lists the known ones.
const name = z.string().min(1).max(128, 'a name of at most 128 characters');
const labParams = z.object({ id: name });
const stepParams = z.object({ id: name, step: name });
const questionId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a question id such as controller');

/** A check's body: the learner's answers to the current step's questions, by question id. */
const checkBody = z
  .object({
    answers: z.record(questionId, z.string().max(1_000, 'an answer of at most 1000 characters')).optional(),
  })
  .optional();

/**
 * Graded labs, for the learner of the request:
 * - `GET /api/labs`, `GET /api/labs/{id}`, `GET /api/progress`;
 * - `POST /api/labs/{id}/check` (`{ answers? }`), `/steps/{step}/hint`, `/steps/{step}/skip`, `/reset`.
 */
export function registerLabRoutes(app: FastifyInstance, engine: LabEngine): void {
  app.get('/api/labs', async (request) => ({ labs: engine.list(learnerOf(request)) }));
  app.get('/api/progress', async (request) => engine.progress(learnerOf(request)));
  app.get('/api/labs/:id', async (request) => engine.lab(learnerOf(request), parse(labParams, request.params, 'path').id));

  app.post('/api/labs/:id/check', async (request) => {
    const { id: lab } = parse(labParams, request.params, 'path');
    const body = parse(checkBody, request.body ?? undefined, 'body', 'Send {"answers": {"<questionId>": "your answer"}}, or {}.');
    return engine.check(learnerOf(request), lab, body?.answers ?? {});
  });
  app.post('/api/labs/:id/steps/:step/hint', async (request) => {
    const { id: lab, step } = parse(stepParams, request.params, 'path');
    return engine.hint(learnerOf(request), lab, step);
  });
  app.post('/api/labs/:id/steps/:step/skip', async (request) => {
    const { id: lab, step } = parse(stepParams, request.params, 'path');
    return engine.skip(learnerOf(request), lab, step);
  });
  app.post('/api/labs/:id/reset', async (request) => engine.reset(learnerOf(request), parse(labParams, request.params, 'path').id));
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: 'path' | 'body', hint?: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.');
  throw new ApiError('bad_request', 400, `Invalid ${where}${path ? ` field ${path}` : ''}: ${issue?.message ?? 'not understood'}.`, hint);
}
