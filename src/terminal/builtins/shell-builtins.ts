/** The shell's own commands (the Kafka tools live in `src/terminal/tools/`), in the order `help` lists them. */
import type { Command } from '../command.ts';
import { catCommand } from './cat.ts';
import { clearCommand } from './clear.ts';
import { echoCommand } from './echo.ts';
import { exitCommand } from './exit.ts';
import { grepCommand } from './grep.ts';
import { headCommand } from './head.ts';
import { helpCommandFor } from './help.ts';
import { historyCommand } from './history.ts';
import { printfCommand } from './printf.ts';
import { tailCommand } from './tail.ts';
import { falseCommand, trueCommand } from './true.ts';
import { wcCommand } from './wc.ts';

export const shellBuiltins: readonly Command[] = [
  helpCommandFor(() => shellBuiltins),
  clearCommand,
  historyCommand,
  echoCommand,
  printfCommand,
  catCommand,
  headCommand,
  tailCommand,
  grepCommand,
  wcCommand,
  trueCommand,
  falseCommand,
  exitCommand,
];
