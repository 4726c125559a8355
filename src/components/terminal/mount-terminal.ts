/**
 * The terminal panel's page script, small and free of xterm.js: it adds the Run and Copy buttons to
 * the page's commands at once, and loads the terminal itself (`terminal-panel.ts`, xterm.js and its
 * CSS, as a separate chunk) only where it is used: at once on a lab page, and in a lesson when the
 * learner opens the terminal or runs a command. Pages without a terminal never load any of it.
 */
import { required } from '../lab/dom.ts';
import { readUiStrings } from '../lab/ui-strings.ts';
import { addBlockRunButtons, addInlineCommandButtons, type CommandButtonOptions } from './command-buttons.ts';
import type { TerminalPanel } from './terminal-panel.ts';

export function mountTerminalPanel(root: HTMLElement): void {
  const strings = readUiStrings(root);
  const shellCommands = new Set((root.dataset.shellCommands ?? '').split(/\s+/).filter(Boolean));
  const announcer = required(root, '[data-terminal-announce]');
  const body = required(root, '[data-terminal-body]');
  const toggle = root.querySelector<HTMLButtonElement>('[data-terminal-toggle]');

  let panel: Promise<TerminalPanel> | null = null;
  const load = () =>
    (panel ??= import('./terminal-panel.ts').then(({ startTerminalPanel }) => startTerminalPanel(root, strings)));
  const setExpanded = (expanded: boolean) => {
    if (!toggle) return;
    body.hidden = !expanded;
    root.dataset.expanded = String(expanded);
    toggle.setAttribute('aria-expanded', String(expanded));
    required(toggle, '[data-terminal-toggle-text]').textContent = strings.text(expanded ? 'kafkalab.terminal.hide' : panel ? 'kafkalab.terminal.show' : 'kafkalab.terminal.open');
  };

  if (toggle) {
    toggle.addEventListener('click', () => {
      const expand = toggle.getAttribute('aria-expanded') !== 'true';
      setExpanded(expand);
      if (expand) void load().then((loaded) => loaded.focus());
    });
  } else {
    void load();
  }

  const options: CommandButtonOptions = {
    shellCommands,
    strings,
    run(command, enter) {
      setExpanded(true);
      void load().then((loaded) => loaded.run(command, enter));
    },
    announce(text) {
      announcer.textContent = '';
      requestAnimationFrame(() => (announcer.textContent = text));
    },
  };
  addBlockRunButtons(document, options);
  const steps = document.querySelector<HTMLElement>('[data-lab-steps]');
  const scope = steps ?? document.querySelector<HTMLElement>('.sl-markdown-content');
  if (!scope) return;
  addInlineCommandButtons(scope, options);
  if (!steps) return;
  // A lab's steps draw hints, results and solutions as the learner goes: add buttons to what appears.
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      addInlineCommandButtons(steps, options);
    });
  }).observe(steps, { childList: true, subtree: true });
}
