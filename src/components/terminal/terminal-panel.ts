/**
 * The terminal panel: up to four shells as tabs ("+ terminal"), so that a learner can run a consumer
 * in one and a producer in another; the screen-reader mode switch; and `run`, which types a command
 * shown on the page into the terminal in front. Loaded on demand by `mount-terminal.ts` (it brings
 * xterm.js with it).
 */
import xtermStylesheet from '@xterm/xterm/css/xterm.css?url';
import { required } from '../lab/dom.ts';
import type { UiStrings } from '../lab/ui-strings.ts';
import { isMac } from './terminal-keys.ts';
import { MAX_TERMINALS, SessionSlots, browserSessionStorage } from './session-slots.ts';
import { TerminalTab } from './terminal-tab.ts';

const SCREEN_READER_KEY = 'kafkalab.terminal.screenReaderMode';

/**
 * The panel, started once xterm.js's stylesheet is in (xterm.js measures its cells when it opens).
 * The stylesheet is linked here rather than imported: Astro would put an imported one on every page
 * of the course, terminal or not.
 */
export async function startTerminalPanel(root: HTMLElement, strings: UiStrings): Promise<TerminalPanel> {
  await linkStylesheet(xtermStylesheet);
  const panel = new TerminalPanel(root, strings);
  panel.start();
  return panel;
}

function linkStylesheet(href: string): Promise<void> {
  const existing = document.querySelector<HTMLLinkElement>(`link[data-xterm-stylesheet]`);
  if (existing) return Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.xtermStylesheet = '';
  return new Promise((resolve) => {
    // A stylesheet that fails to load leaves a plainer terminal, not none.
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
    document.head.append(link);
  });
}

export class TerminalPanel {
  readonly #root: HTMLElement;
  readonly #strings: UiStrings;
  readonly #tabList: HTMLElement;
  readonly #frames: HTMLElement;
  readonly #addButton: HTMLButtonElement;
  readonly #closeButton: HTMLButtonElement;
  readonly #screenReader: HTMLInputElement;
  readonly #template: HTMLTemplateElement;
  readonly #announcer: HTMLElement;
  readonly #slots = new SessionSlots(browserSessionStorage());
  readonly #tabs: TerminalTab[] = [];
  readonly #tabButtons = new Map<TerminalTab, HTMLButtonElement>();
  #active: TerminalTab | null = null;

  constructor(root: HTMLElement, strings: UiStrings) {
    this.#root = root;
    this.#strings = strings;
    this.#tabList = required(root, '[data-terminal-tabs]');
    this.#frames = required(root, '[data-terminal-frames]');
    this.#addButton = required(root, '[data-terminal-add]');
    this.#closeButton = required(root, '[data-terminal-close]');
    this.#screenReader = required(root, '[data-terminal-screen-reader]');
    this.#template = required(root, 'template[data-terminal-frame-template]');
    this.#announcer = required(root, '[data-terminal-announce]');

    this.#screenReader.checked = readFlag(SCREEN_READER_KEY);
    this.#screenReader.addEventListener('change', () => {
      writeFlag(SCREEN_READER_KEY, this.#screenReader.checked);
      for (const tab of this.#tabs) tab.setScreenReaderMode(this.#screenReader.checked);
    });
    this.#addButton.addEventListener('click', () => {
      if (this.#addButton.getAttribute('aria-disabled') === 'true') return this.announce(strings.text('kafkalab.terminal.addLimit', { max: MAX_TERMINALS }));
      this.add()?.focus();
    });
    this.#closeButton.addEventListener('click', () => {
      if (this.#active) this.close(this.#active);
    });
    this.#tabList.addEventListener('keydown', (event) => this.#onTabKey(event));
  }

  /** Opens the shells this browser tab had (after a reload or on the next lab page), or a first one. */
  start(): void {
    const remembered = this.#slots.occupied();
    for (const slot of remembered) this.#open(slot);
    if (this.#tabs.length === 0) this.#open(0);
    this.select(this.#tabs[0]);
    this.#root.dataset.ready = 'true';
  }

  /** A new shell in the first free slot; null when four are open. */
  add(): TerminalTab | null {
    const used = new Set(this.#tabs.map((tab) => tab.slot));
    const slot = [...Array(MAX_TERMINALS).keys()].find((candidate) => !used.has(candidate));
    if (slot === undefined) return null;
    const tab = this.#open(slot);
    this.select(tab);
    return tab;
  }

  close(tab: TerminalTab): void {
    const index = this.#tabs.indexOf(tab);
    if (index < 0) return;
    this.#tabs.splice(index, 1);
    this.#slots.clear(tab.slot);
    tab.dispose();
    tab.frame.remove();
    this.#tabButtons.get(tab)?.remove();
    this.#tabButtons.delete(tab);
    if (this.#active === tab) this.#active = null;
    const next = this.#tabs[Math.min(index, this.#tabs.length - 1)] ?? this.add();
    if (next) {
      this.select(next);
      next.focus();
    }
  }

  select(tab: TerminalTab): void {
    this.#active = tab;
    for (const [each, button] of this.#tabButtons) {
      const selected = each === tab;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      each.frame.dataset.active = String(selected);
      if (selected) each.shown();
    }
    this.#updateControls();
  }

  focus(): void {
    this.#active?.focus();
  }

  /** Types a command into the terminal in front (see `runnable-command.ts` for when Enter is pressed). */
  run(command: string, enter: boolean): void {
    const tab = this.#active ?? this.add();
    if (!tab) return;
    if (!tab.type(command, enter)) return this.announce(this.#strings.text('kafkalab.terminal.notConnected'));
    if (!enter) this.announce(this.#strings.text('kafkalab.terminal.typed'));
  }

  announce(text: string): void {
    // Cleared first, so that the same sentence twice is read twice.
    this.#announcer.textContent = '';
    requestAnimationFrame(() => (this.#announcer.textContent = text));
  }

  #open(slot: number): TerminalTab {
    const t = this.#strings;
    const name = t.text('kafkalab.terminal.tab', { n: slot + 1 });
    const frame = (this.#template.content.firstElementChild!.cloneNode(true) as HTMLElement);
    const id = `terminal-${slot + 1}`;
    frame.id = `${id}-panel`;
    frame.setAttribute('aria-labelledby', `${id}-tab`);
    frame.dataset.slot = String(slot);
    frame.dataset.active = 'false';
    const button = document.createElement('button');
    button.type = 'button';
    button.id = `${id}-tab`;
    button.className = 'terminal-tab';
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', frame.id);
    button.dataset.slot = String(slot);
    button.textContent = name;

    // Tabs and frames stay in slot order, whatever order they were opened in.
    const after = this.#tabs.filter((tab) => tab.slot < slot).length;
    this.#tabList.insertBefore(button, this.#tabList.children[after] ?? null);
    this.#frames.insertBefore(frame, this.#frames.children[after] ?? null);
    const tab = new TerminalTab({
      slot,
      frame,
      strings: t,
      slots: this.#slots,
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/terminal`,
      mac: isMac(navigator),
      screenReaderMode: this.#screenReader.checked,
      announce: (text) => this.announce(text),
    });
    this.#tabs.splice(after, 0, tab);
    this.#tabButtons.set(tab, button);
    button.addEventListener('click', () => {
      this.select(tab);
      tab.focus();
    });
    tab.open();
    this.#updateControls();
    return tab;
  }

  #updateControls(): void {
    const t = this.#strings;
    const full = this.#tabs.length >= MAX_TERMINALS;
    if (full) this.#addButton.setAttribute('aria-disabled', 'true');
    else this.#addButton.removeAttribute('aria-disabled');
    this.#addButton.title = full ? t.text('kafkalab.terminal.addLimit', { max: MAX_TERMINALS }) : t.text('kafkalab.terminal.addLabel');
    const activeName = this.#active ? this.#tabButtons.get(this.#active)?.textContent ?? '' : '';
    this.#closeButton.hidden = this.#tabs.length < 2;
    this.#closeButton.setAttribute('aria-label', t.text('kafkalab.terminal.close', { name: activeName }));
    this.#closeButton.title = this.#closeButton.getAttribute('aria-label')!;
  }

  /** The WAI-ARIA tabs pattern: arrows, Home and End move between tabs. */
  #onTabKey(event: KeyboardEvent): void {
    const index = this.#tabs.findIndex((tab) => this.#tabButtons.get(tab) === event.target);
    if (index < 0) return;
    const last = this.#tabs.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const tab = this.#tabs[target];
    this.select(tab);
    this.#tabButtons.get(tab)?.focus();
  }
}

function readFlag(key: string): boolean {
  try {
    return localStorage.getItem(key) === 'true';
  } catch {
    return false;
  }
}

function writeFlag(key: string, value: boolean): void {
  try {
    localStorage.setItem(key, String(value));
  } catch {
    // Not remembered where storage is forbidden; the switch still works for this page.
  }
}
