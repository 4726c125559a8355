/**
 * Errors the HTTP API answers with. Each has a closed-set code, an HTTP status, a message that says
 * what is wrong and, where it helps, a hint that says how to fix it.
 */
export type ApiErrorCode =
  | 'bad_request'
  | 'forbidden'
  | 'host_not_allowed'
  | 'origin_not_allowed'
  | 'header_required'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'unknown_node'
  | 'invalid_state'
  | 'port_in_use'
  | 'not_supported'
  | 'engine_error'
  | 'unknown_lab'
  | 'unknown_step'
  | 'no_more_hints'
  | 'step_not_current'
  | 'solution_failed'
  | 'reset_failed'
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

  toJSON(): ApiErrorBody {
    return { ok: false, error: { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) } };
  }
}

export interface ApiErrorBody {
  ok: false;
  error: { code: ApiErrorCode; message: string; hint?: string };
}
