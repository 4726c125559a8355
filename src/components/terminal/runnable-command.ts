/**
 * Which commands shown on a page the terminal can run, and how "Run in terminal" types them.
 *
 * A command is runnable when every program of its pipeline is a command of the lab shell (the names
 * come from its registry at build time), so `kcat ...` or `docker compose ...` get a Copy button but
 * no Run button: the learner's shell would only answer `command not found`.
 *
 * Run types the command and presses Enter, as a learner would after reading it: the command is on
 * the page to be run, and a second click would only be friction. A command that deletes or changes
 * something (a topic, a group's offsets, a znode, a running node) is typed without Enter instead:
 * the learner reads it in the terminal and confirms with Enter, as in a real terminal where a
 * pasted command still waits for its Return. Multi-line commands arrive as one line (`oneLine`).
 */

/** The program of each stage of a pipeline: `echo srvr | nc localhost 12181` → `echo`, `nc`. */
export function pipelinePrograms(command: string): string[] {
  const programs: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let expectProgram = true;
  const endWord = () => {
    if (word !== '' && expectProgram) {
      programs.push(word);
      expectProgram = false;
    }
    word = '';
  };
  for (let index = 0; index < command.length; index++) {
    const char = command[index];
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && index + 1 < command.length) word += command[++index];
      else word += char;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '\\' && index + 1 < command.length) word += command[++index];
    else if (char === '|') {
      endWord();
      expectProgram = true;
    } else if (/\s/.test(char)) endWord();
    else word += char;
  }
  endWord();
  return programs;
}

/** A placeholder to fill in (`get <path>`): such a command is a pattern, not something to run. */
const PLACEHOLDER = /<[A-Za-z][\w.-]*>/;

/** True when every program of the pipeline is one the lab shell knows, and nothing is left to fill in. */
export function isRunnable(command: string, shellCommands: ReadonlySet<string>): boolean {
  if (PLACEHOLDER.test(command)) return false;
  const programs = pipelinePrograms(command);
  return programs.length > 0 && programs.every((program) => shellCommands.has(program));
}

/** Commands that delete or change something: typed, not run (see above). */
const CONFIRM_FIRST: readonly RegExp[] = [
  /\s--delete(-offsets)?(\s|$)/,
  /\s--alter(\s|$)/,
  /\s--reset-offsets\s.*--execute(\s|$)/,
  /^kafkalab(\.sh)?\s+(stop|kill)(\s|$)/,
  /^zookeeper-shell(\.sh)?\s+\S+\s+(create|set|delete|deleteall|rmr|setAcl|setquota|delquota)(\s|$)/,
];

/** Whether Run should press Enter after typing `command` (one line). */
export function runsAtOnce(command: string): boolean {
  return !CONFIRM_FIRST.some((pattern) => pattern.test(command));
}
