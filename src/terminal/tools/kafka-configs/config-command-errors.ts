/**
 * How kafka-configs fails (Kafka 3.9 `ConfigCommand.main`): an `IllegalArgumentException`, an
 * `InvalidConfigurationException` or a jopt `OptionException` prints only its message on stderr; any
 * other exception prints `Error while executing config command with args '<args>'` and its stack
 * trace. Both exit 1.
 */
import { JavaThrowableError } from '../kafka/java-exception.ts';

/** `IllegalArgumentException` (Scala's `require` adds `requirement failed: `): message only. */
export class IllegalArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentError';
  }
}

/** `InvalidConfigurationException` thrown by the tool itself (`Invalid config(s): retention.ms`): message only. */
export class InvalidConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConfigurationError';
  }
}

/** Anything else: a Java exception whose stack trace the tool prints. */
export class ConfigCommandFailure extends JavaThrowableError {}
