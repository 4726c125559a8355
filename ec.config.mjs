// Expressive Code (the lessons' code blocks): copy buttons on terminal blocks copy the commands only,
// and each block lists its commands for the page's "Run in terminal" buttons.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { pluginCommandLines } from './src/components/terminal/command-lines-plugin.ts';

export default defineEcConfig({
  plugins: [pluginCommandLines()],
});
