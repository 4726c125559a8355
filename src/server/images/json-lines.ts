/**
 * The engine's progress streams (pull, build, load) are JSON objects, one a line. Reads them as they
 * arrive; a line that is not JSON is handed on as `{ stream: line }` rather than thrown, so one odd line
 * from an engine does not lose the rest of the stream.
 */
export async function* jsonLines(stream: NodeJS.ReadableStream): AsyncGenerator<Record<string, unknown>> {
  let buffered = '';
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    buffered += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end).trim();
      buffered = buffered.slice(end + 1);
      if (line) yield parseLine(line);
    }
  }
  const last = buffered.trim();
  if (last) yield parseLine(last);
}

function parseLine(line: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { stream: line };
  } catch {
    return { stream: line };
  }
}

/** The message of an `{ error }` / `{ errorDetail: { message } }` object, or undefined when it is none. */
export function streamError(message: Record<string, unknown>): string | undefined {
  const detail = message.errorDetail as { message?: unknown } | undefined;
  if (detail && typeof detail.message === 'string' && detail.message) return detail.message;
  if (typeof message.error === 'string' && message.error) return message.error;
  return undefined;
}
