/**
 * "Run in terminal" and Copy buttons beside the commands a page shows: under a lesson's terminal code
 * blocks (their commands listed by `command-lines-plugin.ts`), after inline `code` that is a command
 * the lab shell can run, and on each line marked `data-command` (a lab step's solution). Copy copies
 * the command alone; Run hands it to the terminal (`runnable-command.ts` says when Enter is pressed).
 * Nothing here loads xterm.js: the runner does that when a button is first used.
 */
import { element } from '../lab/dom.ts';
import type { UiStrings } from '../lab/ui-strings.ts';
import { copyText } from './copy-text.ts';
import { isRunnable, runsAtOnce } from './runnable-command.ts';
import { oneLine } from './shown-commands.ts';

export interface CommandButtonOptions {
  /** The lab shell's command names (from its registry, at build time). */
  shellCommands: ReadonlySet<string>;
  strings: UiStrings;
  run(command: string, enter: boolean): void;
  announce(text: string): void;
}

/** A row of Run buttons under every terminal code block with a command the shell can run. */
export function addBlockRunButtons(root: ParentNode, options: CommandButtonOptions): void {
  for (const figure of root.querySelectorAll<HTMLElement>('figure[data-commands]')) {
    if (figure.dataset.runButtons) continue;
    figure.dataset.runButtons = 'true';
    const shown = JSON.parse(figure.dataset.commands ?? '[]') as string[];
    const commands = shown.map(oneLine).filter((command) => isRunnable(command, options.shellCommands));
    if (commands.length === 0) continue;
    const row = element('div', { class: 'command-runs not-content', 'data-command-runs': '' });
    for (const command of commands) row.append(runButton(command, options, commands.length > 1 ? 'withCommand' : 'long'));
    (figure.closest('.expressive-code') ?? figure).after(row);
  }
}

/** Run and Copy after inline commands (`code` outside a block, or any element marked `data-command`). */
export function addInlineCommandButtons(root: ParentNode, options: CommandButtonOptions): void {
  for (const code of root.querySelectorAll<HTMLElement>('[data-command], :not(pre) > code')) {
    if (code.dataset.commandButtons || code.closest('button, [data-command-actions], [data-command-runs], .expressive-code')) continue;
    const command = (code.dataset.command || code.textContent || '').trim();
    const marked = code.hasAttribute('data-command');
    // Inline code is only a command when it has arguments and the shell knows it (`test` is a topic name).
    const runnable = isRunnable(command, options.shellCommands) && (marked || /\s/.test(command));
    if (!runnable && !marked) continue;
    code.dataset.commandButtons = 'true';
    const actions = element('span', { class: 'command-actions', 'data-command-actions': '' });
    if (runnable) actions.append(runButton(command, options, 'short'));
    actions.append(copyButton(command, options));
    // A marked line keeps its buttons inside it; inline code is followed by them.
    if (marked) code.append(actions);
    else code.after(actions);
  }
}

type RunLabel = 'short' | 'long' | 'withCommand';

function runButton(command: string, options: CommandButtonOptions, label: RunLabel): HTMLButtonElement {
  const t = options.strings;
  const enter = runsAtOnce(command);
  const visible = enter ? t.text(label === 'long' ? 'kafkalab.terminal.runInTerminal' : 'kafkalab.terminal.run') : t.text('kafkalab.terminal.type');
  const button = element(
    'button',
    {
      type: 'button',
      class: 'command-button command-run',
      'data-run-command': command,
      'data-enter': String(enter),
      'aria-label': t.text(enter ? 'kafkalab.terminal.runLabel' : 'kafkalab.terminal.typeLabel', { command }),
      title: t.text(enter ? 'kafkalab.terminal.runLabel' : 'kafkalab.terminal.typeLabel', { command }),
    },
    icon(enter ? 'run' : 'type'),
    element('span', { class: 'command-button-text' }, visible),
  );
  if (label === 'withCommand') button.append(element('code', { class: 'command-run-code' }, command));
  button.addEventListener('click', () => options.run(command, enter));
  return button;
}

function copyButton(command: string, options: CommandButtonOptions): HTMLButtonElement {
  const t = options.strings;
  const text = element('span', { class: 'command-button-text' }, t.text('kafkalab.terminal.copy'));
  const button = element(
    'button',
    { type: 'button', class: 'command-button command-copy', 'data-copy-command': command, 'aria-label': t.text('kafkalab.terminal.copyLabel', { command }), title: t.text('kafkalab.terminal.copyLabel', { command }) },
    icon('copy'),
    text,
  );
  let restore: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    const copied = await copyText(command);
    const said = t.text(copied ? 'kafkalab.terminal.copied' : 'kafkalab.terminal.copyFailed');
    options.announce(said);
    if (!copied) return;
    text.textContent = said;
    button.dataset.copied = 'true';
    clearTimeout(restore);
    restore = setTimeout(() => {
      text.textContent = t.text('kafkalab.terminal.copy');
      delete button.dataset.copied;
    }, 1_500);
  });
  return button;
}

const ICONS = {
  run: 'M8 5v14l11-7z',
  type: 'M4 6h16v12H4zm2 2v2h2V8zm3 0v2h2V8zm3 0v2h2V8zm3 0v2h2V8zM7 13v2h10v-2z',
  copy: 'M16 1H4a2 2 0 0 0-2 2v14h2V3h12zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11z',
} as const;

function icon(name: keyof typeof ICONS): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}
