/**
 * Polls `condition` every `intervalMs` until it holds; rejects after `timeoutMs` with an error naming
 * `what` and, when given, what `describe()` says about the state at that moment.
 */
export async function pollUntil(what: string, condition: () => boolean, timeoutMs: number, describe?: () => string, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!holds(condition)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? ` (${describe()})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function holds(condition: () => boolean): boolean {
  try {
    return condition();
  } catch {
    return false;
  }
}
