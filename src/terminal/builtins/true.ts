/** `true` and `false`: a status and nothing else (handy with `&&`, `||` and `$?`). */
import type { Command } from '../command.ts';

export const trueCommand: Command = { name: 'true', summary: 'Does nothing, successfully.', run: async () => 0 };
export const falseCommand: Command = { name: 'false', summary: 'Does nothing, unsuccessfully.', run: async () => 1 };
