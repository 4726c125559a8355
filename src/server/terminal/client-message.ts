/**
 * Reads one frame from the page as a `TerminalClientMessage`, or says why it is not one. Nothing the page
 * sends reaches a session unchecked: the shape, the sizes and the lengths are those of
 * `terminal-protocol.ts`.
 */
import { z } from 'zod';
import { TERMINAL_LIMITS, type TerminalClientMessage } from '../../terminal/terminal-protocol.ts';

/**
 * The longest frame read at all: an `input` of `maxInputChars` characters, each escaped as `\uXXXX`, plus
 * room for the rest of the message. Longer frames are refused before they are parsed.
 */
export const MAX_CLIENT_FRAME_CHARS = TERMINAL_LIMITS.maxInputChars * 6 + 1024;

const cols = z.number().int().min(TERMINAL_LIMITS.minCols).max(TERMINAL_LIMITS.maxCols);
const rows = z.number().int().min(TERMINAL_LIMITS.minRows).max(TERMINAL_LIMITS.maxRows);

const clientMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('attach'),
    /** A session id the server handed out (base64url, 128 bits). */
    session: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    cols,
    rows,
  }),
  z.strictObject({ type: z.literal('input'), data: z.string().max(TERMINAL_LIMITS.maxInputChars) }),
  z.strictObject({ type: z.literal('resize'), cols, rows }),
  z.strictObject({ type: z.literal('ack'), chars: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
]);

export type ClientMessageResult = { ok: true; message: TerminalClientMessage } | { ok: false; code: 'bad_message' | 'message_too_large'; message: string };

export function parseClientMessage(frame: string): ClientMessageResult {
  if (frame.length > MAX_CLIENT_FRAME_CHARS) {
    return { ok: false, code: 'message_too_large', message: `A terminal message may have at most ${MAX_CLIENT_FRAME_CHARS} characters; this one has ${frame.length}.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    return { ok: false, code: 'bad_message', message: 'A terminal message must be one JSON object.' };
  }
  const parsed = clientMessage.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const tooBig = parsed.error.issues.some((issue) => issue.code === 'too_big' && issue.path[0] === 'data');
  if (tooBig) {
    return { ok: false, code: 'message_too_large', message: `An input message may carry at most ${TERMINAL_LIMITS.maxInputChars} characters; split a longer paste.` };
  }
  const where = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : 'message');
  return { ok: false, code: 'bad_message', message: `Not a terminal message: ${parsed.error.issues.map((issue) => `${where(issue.path)}: ${issue.message}`).join('; ')}.` };
}
