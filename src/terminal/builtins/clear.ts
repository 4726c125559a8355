/** `clear`: the screen and its scrollback, as `clear` does in xterm (`E3` included). */
import type { Command } from '../command.ts';

export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

export const clearCommand: Command = {
  name: 'clear',
  summary: 'Clears the terminal screen.',
  async run(context) {
    await context.stdout.write(CLEAR_SCREEN);
    return 0;
  },
};
