/**
 * The lab API as the pages see it (`/api/labs`, `/api/progress`) and the two ways a request fails:
 * the server answered with an error (`ApiFailure`, its message and hint are for the learner), or no
 * server answered at all (`ServerUnreachable`). State changes go as JSON, the only kind the server
 * accepts from a page.
 */
// The shapes are the server's own (type-only imports: nothing of the server reaches the page).
import type { CheckReply, CheckReplyCheck, HintReply, LabStepView, LabView, ProgressReply, ResetReply, StepResultReply, StepState } from '../../server/labs/lab-api.ts';

export type { LabStepView, LabView, StepState };
export type CheckResultView = CheckReplyCheck;
export type StepResultView = StepResultReply;
export type CheckResponse = CheckReply;
export type HintResponse = HintReply;
export type ResetResponse = ResetReply;
export type ProgressView = ProgressReply;

/** The server answered with the project's error format. */
export class ApiFailure extends Error {
  readonly code: string;
  readonly status: number;
  readonly hint?: string;

  constructor(status: number, code: string, message: string, hint?: string) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
    this.hint = hint;
  }

  /** Message and hint, as one line for the learner. */
  get text(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** No answer: the kafkalab server is not running (or the network is gone). */
export class ServerUnreachable extends Error {
  constructor(cause: unknown) {
    super('the kafkalab server did not answer', { cause });
    this.name = 'ServerUnreachable';
  }
}

export function getJson<T>(path: string): Promise<T> {
  return request<T>(path, { method: 'GET' });
}

export function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    throw new ServerUnreachable(error);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    // A proxy's HTML error page, or the connection dropped mid-answer.
    if (response.status >= 502) throw new ServerUnreachable(error);
    throw new ApiFailure(response.status, 'bad_response', `${response.status} ${response.statusText}`.trim());
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; hint?: string } }).error;
    throw new ApiFailure(response.status, error?.code ?? 'unknown', error?.message ?? `${response.status} ${response.statusText}`.trim(), error?.hint);
  }
  return body as T;
}

export const labPath = (lab: string, ...rest: string[]): string => ['/api/labs', encodeURIComponent(lab), ...rest.map(encodeURIComponent)].join('/');
