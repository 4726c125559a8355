/**
 * The `--formatter` classes the console consumer knows (Kafka 3.9 `org.apache.kafka.tools.consumer`):
 * the default one, the logging one (the same output; its INFO log line is below the tools' WARN
 * level) and the no-op one. Any other class is not on the class path: the tool prints the class name
 * with its help table (ClassNotFoundException's message).
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { DefaultMessageFormatter } from './default-message-formatter.ts';
import type { MessageFormatter } from './default-message-formatter.ts';

export type FormatterKind = 'default' | 'noop';

const FORMATTERS: Readonly<Record<string, FormatterKind>> = {
  'org.apache.kafka.tools.consumer.DefaultMessageFormatter': 'default',
  'org.apache.kafka.tools.consumer.LoggingMessageFormatter': 'default',
  'org.apache.kafka.tools.consumer.NoOpMessageFormatter': 'noop',
};

export function formatterKindFor(className: string): FormatterKind | undefined {
  return Object.hasOwn(FORMATTERS, className) ? FORMATTERS[className] : undefined;
}

/** `formatter.configure(formatterArgs)`; deserializer errors are logged through `error`. */
export function createFormatter(kind: FormatterKind, args: ReadonlyMap<string, string>, log: { env: ToolEnvironment; error: (text: string) => void }): MessageFormatter {
  if (kind === 'noop') return { format: () => '' };
  return new DefaultMessageFormatter(args, log);
}
