/**
 * Errors the HTTP API answers with. Each has a closed-set code, an HTTP status, a message that says
 * what is wrong and, where it helps, a hint that says how to fix it.
 */
export type ApiErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'unknown_node'
  | 'invalid_state'
  | 'runtime_busy'
  | 'port_in_use'
  | 'internal';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly hint?: string;

  constructor(code: ApiErrorCode, status: number, message: string, hint?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.hint = hint;
  }

  toJSON(): { ok: false; error: { code: ApiErrorCode; message: string; hint?: string } } {
    return { ok: false, error: { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) } };
  }
}
