import type Docker from 'dockerode';
import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';
import { parseDuration } from './duration.ts';

/** A service's `healthcheck:`, as the schema lets it through. */
export interface HealthcheckSyntax {
  test?: string | string[];
  interval?: string | number;
  timeout?: string | number;
  retries?: number;
  start_period?: string | number;
  start_interval?: string | number;
  disable?: boolean;
}

/** The healthcheck with the engine's defaults filled in, for the runtime's wait. */
export interface Healthcheck {
  /** ["CMD", ...args] or ["CMD-SHELL", command]. */
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
}

/** The Engine's defaults for a field left out (Compose passes 0, which means "default"). */
const ENGINE_DEFAULTS = { intervalNs: 30e9, timeoutNs: 30e9, retries: 3, startPeriodNs: 0 };

const HINT = 'Write test as ["CMD", "program", "arg"...], ["CMD-SHELL", "shell command"], a plain string (run by the shell), or ["NONE"] to disable the image\'s healthcheck.';

/**
 * A service's healthcheck for the Engine (durations in nanoseconds, as the Engine API takes them;
 * 0 for "the Engine's default", as Compose passes them) and, unless disabled, for the plan. A string
 * test is a shell command (CMD-SHELL), as in Compose; `disable: true` and ["NONE"] switch off the
 * image's own healthcheck.
 */
export function convertHealthcheck(syntax: HealthcheckSyntax | undefined, path: readonly KeyPathSegment[]): { engine?: Docker.HealthConfig; plan?: Healthcheck } {
  if (syntax === undefined) return {};
  const test = syntax.disable ? ['NONE'] : normaliseTest(syntax.test, [...path, 'test']);
  const duration = (key: 'interval' | 'timeout' | 'start_period' | 'start_interval') => {
    const value = syntax[key];
    return value === undefined ? 0 : parseDuration(value, [...path, key]);
  };
  const engine: Docker.HealthConfig = {
    Test: test,
    Interval: duration('interval'),
    Timeout: duration('timeout'),
    StartPeriod: duration('start_period'),
    Retries: syntax.retries ?? 0,
  };
  const startInterval = duration('start_interval');
  if (startInterval > 0) engine.StartInterval = startInterval;
  if (test[0] === 'NONE') return { engine };
  return {
    engine,
    plan: {
      test,
      intervalMs: (engine.Interval || ENGINE_DEFAULTS.intervalNs) / 1e6,
      timeoutMs: (engine.Timeout || ENGINE_DEFAULTS.timeoutNs) / 1e6,
      retries: engine.Retries || ENGINE_DEFAULTS.retries,
      startPeriodMs: (engine.StartPeriod || ENGINE_DEFAULTS.startPeriodNs) / 1e6,
    },
  };
}

function normaliseTest(test: string | string[] | undefined, path: readonly KeyPathSegment[]): string[] {
  if (test === undefined) {
    throw new ComposeFileError(path, 'a healthcheck without a test (inheriting the image\'s) is not supported', 'Give the test, so kafkalab knows what "healthy" means for this service.');
  }
  if (typeof test === 'string') {
    if (test.trim() === '') throw new ComposeFileError(path, 'the healthcheck test is empty', HINT);
    return ['CMD-SHELL', test];
  }
  const [kind, ...args] = test;
  if (kind === 'NONE' && args.length === 0) return test;
  if (kind === 'CMD' && args.length > 0) return test;
  if (kind === 'CMD-SHELL' && args.length === 1) return test;
  throw new ComposeFileError(path, `${JSON.stringify(test)} is not a healthcheck test`, HINT);
}
