/**
 * The lab shell's variables: `name=value` sets one, `$name` reads it, an unset one reads as empty.
 * A few are set from the start, as a login shell has them (there is no process environment to
 * inherit: the shell may run in a browser tab). Commands get no environment; only the shell reads
 * them.
 */

/** What a learner's login shell would have; the home is the prompt's `~`. */
export const INITIAL_VARIABLES: Readonly<Record<string, string>> = {
  HOME: '/home/learner',
  PWD: '/home/learner',
  USER: 'learner',
  LOGNAME: 'learner',
  HOSTNAME: 'kafkalab',
  PATH: '/opt/kafka/bin:/usr/local/bin:/usr/bin:/bin',
  TERM: 'xterm-256color',
  LANG: 'C.UTF-8',
};

export class ShellVariables {
  readonly #values: Map<string, string>;

  constructor(values: Iterable<[string, string]> = Object.entries(INITIAL_VARIABLES)) {
    this.#values = new Map(values);
  }

  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  set(name: string, value: string): void {
    this.#values.set(name, value);
  }

  /** A copy for a subshell (a stage of a pipeline): what it sets does not reach this shell. */
  subshell(): ShellVariables {
    return new ShellVariables(this.#values);
  }
}
