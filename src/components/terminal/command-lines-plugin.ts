/**
 * An Expressive Code plugin for the lessons' terminal blocks. In a `console` block (prompt, command,
 * output) the copy button copies the commands only, without `$ ` and without the output; every
 * terminal block (`console`, `sh`, ...) lists its commands in `data-commands` on its frame, where the
 * page's terminal adds a "Run in terminal" button for each one it can run (`command-buttons.ts`).
 *
 * It runs after Expressive Code's frames plugin (user plugins come after the defaults), so the copy
 * button it rewrites already exists. Loaded by `ec.config.mjs`.
 */
import type { Element, ElementContent } from 'hast';
import type { ExpressiveCodePlugin } from '@astrojs/starlight/expressive-code';
import { SESSION_LANGUAGES, shownCommands } from './shown-commands.ts';

export function pluginCommandLines(): ExpressiveCodePlugin {
  return {
    name: 'kafkalab command lines',
    hooks: {
      postprocessRenderedBlock({ codeBlock, renderData }) {
        const commands = shownCommands(codeBlock.language, codeBlock.code);
        if (commands.length === 0) return;
        const frame = renderData.blockAst;
        frame.properties.dataCommands = JSON.stringify(commands);
        if (!SESSION_LANGUAGES.has(codeBlock.language)) return;
        // The frames plugin writes line breaks in `data-code` as U+007F (its copy script turns them back).
        const copy = findElement(frame, (element) => element.tagName === 'button' && element.properties.dataCode !== undefined);
        if (copy) copy.properties.dataCode = commands.join('\n').replace(/\n/g, '\u007f');
      },
    },
  };
}

function findElement(root: Element, matches: (element: Element) => boolean): Element | undefined {
  if (matches(root)) return root;
  for (const child of root.children as ElementContent[]) {
    if (child.type !== 'element') continue;
    const found = findElement(child, matches);
    if (found) return found;
  }
  return undefined;
}
