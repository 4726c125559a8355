/** Structured, level-based logging for cluster nodes. Browser-safe: no Node APIs. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines are tagged with `name` (e.g. `zookeeper-1`). */
  child(name: string): Logger;
}

export interface LogLine {
  time: number;
  level: LogLevel;
  node: string;
  message: string;
  fields?: Record<string, unknown>;
}

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Sends lines at or above `level` to `sink`. */
export function createLogger(sink: (line: LogLine) => void, level: LogLevel = 'info', node = ''): Logger {
  const emit = (lineLevel: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (order[lineLevel] >= order[level]) sink({ time: Date.now(), level: lineLevel, node, message, fields });
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (name) => createLogger(sink, level, node ? `${node}/${name}` : name),
  };
}

/** Drops everything: the default for tests. */
export const silentLogger: Logger = createLogger(() => {}, 'error');

/** Writes `[node] message {fields}` lines to the console. */
export function consoleLogger(level: LogLevel = 'info'): Logger {
  return createLogger(
    (line) => {
      const text = `[${line.node || 'cluster'}] ${line.message}${line.fields ? ' ' + JSON.stringify(line.fields) : ''}`;
      if (line.level === 'error') console.error(text);
      else if (line.level === 'warn') console.warn(text);
      else console.log(text);
    },
    level,
  );
}
