/**
 * One terminal of the panel: an xterm.js screen, its link to a shell (`TerminalConnection`), and the
 * notice over the screen that says what the link is doing (reconnecting, server not running, shell
 * ended). Keys, resize, clipboard and flow control are wired here.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { element } from '../lab/dom.ts';
import { appendInlineCode } from '../lab/inline-code.ts';
import type { UiStrings } from '../lab/ui-strings.ts';
import { terminalKeyAction } from './terminal-keys.ts';
import { copyText } from './copy-text.ts';
import type { SessionSlots } from './session-slots.ts';
import { TerminalConnection, type ConnectionState } from './terminal-connection.ts';
import { TERMINAL_THEME, terminalFont } from './terminal-theme.ts';

export interface TerminalTabOptions {
  slot: number;
  /** The tab panel: holds `[data-terminal-screen]` and `[data-terminal-notice]`. */
  frame: HTMLElement;
  strings: UiStrings;
  slots: SessionSlots;
  url: string;
  mac: boolean;
  screenReaderMode: boolean;
  /** Says something to screen readers (the panel's live region). */
  announce(text: string): void;
}

/** What tests and devtools can read from a frame element (the page itself does not use it). */
export interface TerminalFrameProbe {
  /** The screen and its scrollback as text, wrapped rows joined; only the last `rows` rows when given. */
  text(rows?: number): string;
}

export class TerminalTab {
  readonly slot: number;
  readonly frame: HTMLElement;
  readonly #terminal: Terminal;
  readonly #fit = new FitAddon();
  readonly #connection: TerminalConnection;
  readonly #notice: HTMLElement;
  readonly #screen: HTMLElement;
  readonly #options: TerminalTabOptions;
  readonly #cleanup: Array<() => void> = [];
  #fitQueued = false;
  #retryTimer: ReturnType<typeof setInterval> | undefined;
  #announced = '';
  #pendingInput: string | null = null;

  constructor(options: TerminalTabOptions) {
    this.#options = options;
    this.slot = options.slot;
    this.frame = options.frame;
    this.#screen = options.frame.querySelector<HTMLElement>('[data-terminal-screen]')!;
    this.#notice = options.frame.querySelector<HTMLElement>('[data-terminal-notice]')!;
    const t = options.strings;
    Terminal.strings.promptLabel = t.text('kafkalab.terminal.promptLabel');
    Terminal.strings.tooMuchOutput = t.text('kafkalab.terminal.tooMuchOutput');
    this.#terminal = new Terminal({
      cursorBlink: true,
      fontFamily: terminalFont(),
      fontSize: 14,
      lineHeight: 1.15,
      scrollback: 5_000,
      theme: TERMINAL_THEME,
      screenReaderMode: options.screenReaderMode,
      // Right click copies or pastes (below), so it must not first select the word under the pointer.
      rightClickSelectsWord: false,
      macOptionIsMeta: true,
    });
    this.#terminal.loadAddon(this.#fit);
    this.#connection = new TerminalConnection({
      url: options.url,
      session: options.slots.get(options.slot),
      size: () => ({ cols: this.#terminal.cols, rows: this.#terminal.rows }),
      handlers: {
        state: (state) => this.#showState(state),
        // Flow control: the server counts what it sent; `drawn` acknowledges it once xterm.js has drawn it.
        output: (data, drawn) => this.#terminal.write(data, drawn),
        // The server's errors are written for the learner; one that ends the socket shows as `refused`.
        error: (_code, message) => options.announce(message),
      },
    });
    Object.defineProperty(this.frame, 'kafkalabTerminal', {
      configurable: true,
      value: { text: (rows?: number) => this.text(rows) } satisfies TerminalFrameProbe,
    });
  }

  /** Draws the screen (the frame must be laid out, even if not visible) and attaches to the shell. */
  open(): void {
    const terminal = this.#terminal;
    terminal.open(this.#screen);
    terminal.attachCustomKeyEventHandler((event) => this.#onKey(event));
    const subscriptions = [
      terminal.onData((data) => this.#connection.input(data)),
      terminal.onResize(({ cols, rows }) => this.#connection.resize(cols, rows)),
    ];
    this.#cleanup.push(() => subscriptions.forEach((subscription) => subscription.dispose()));
    const onContextMenu = (event: MouseEvent) => this.#onRightClick(event);
    this.#screen.addEventListener('contextmenu', onContextMenu);
    this.#cleanup.push(() => this.#screen.removeEventListener('contextmenu', onContextMenu));
    const observer = new ResizeObserver(() => this.#queueFit());
    observer.observe(this.#screen);
    this.#cleanup.push(() => observer.disconnect());
    const online = () => this.#connection.retryNow();
    window.addEventListener('online', online);
    this.#cleanup.push(() => window.removeEventListener('online', online));
    this.#fitNow();
    this.#connection.start();
  }

  focus(): void {
    this.#terminal.focus();
  }

  /**
   * Types `command` into the shell, with Enter when `enter`. While the first connection is still being
   * made (a Run click that opened the terminal) it is typed once the shell is attached; false when the
   * shell is out of reach.
   */
  type(command: string, enter: boolean): boolean {
    const text = enter ? `${command}\r` : command;
    if (!this.#connection.input(text)) {
      if (this.frame.dataset.state !== 'connecting') return false;
      this.#pendingInput = text;
    }
    this.#terminal.scrollToBottom();
    this.focus();
    return true;
  }

  setScreenReaderMode(on: boolean): void {
    this.#terminal.options.screenReaderMode = on;
  }

  /** The tab became the visible one: its size may have changed while hidden. */
  shown(): void {
    this.#queueFit();
  }

  text(last?: number): string {
    const buffer = this.#terminal.buffer.active;
    const rows: string[] = [];
    let first = last === undefined ? 0 : Math.max(0, buffer.length - last);
    // Start on a row of its own, not in the middle of a wrapped one.
    while (first > 0 && buffer.getLine(first)?.isWrapped) first--;
    for (let index = first; index < buffer.length; index++) {
      const line = buffer.getLine(index);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && rows.length > 0) rows[rows.length - 1] += text;
      else rows.push(text);
    }
    return rows.join('\n').replace(/\n+$/, '');
  }

  /** Closes the tab for good: the shell is left to the server, which ends it after its grace period. */
  dispose(): void {
    clearInterval(this.#retryTimer);
    this.#connection.close();
    for (const clean of this.#cleanup.splice(0)) clean();
    this.#terminal.dispose();
  }

  #onKey(event: KeyboardEvent): boolean {
    const action = terminalKeyAction(event, { mac: this.#options.mac, hasSelection: this.#terminal.hasSelection() });
    if (action === 'terminal') return true;
    // `paste` lets the browser's paste event reach xterm.js and `leave` its focus move; the others must not reach the browser.
    if (action !== 'paste' && action !== 'leave') event.preventDefault();
    if (event.type === 'keydown' && action === 'copy') void this.#copySelection();
    return false;
  }

  #onRightClick(event: MouseEvent): void {
    if (this.#terminal.hasSelection()) {
      event.preventDefault();
      void this.#copySelection();
      return;
    }
    // Without the async Clipboard API (plain http on a LAN address) the browser's own menu offers Paste.
    if (!navigator.clipboard?.readText || !window.isSecureContext) return;
    event.preventDefault();
    navigator.clipboard.readText().then(
      (text) => {
        if (text) this.#terminal.paste(text);
        this.focus();
      },
      () => this.#options.announce(this.#options.strings.text('kafkalab.terminal.copyFailed')),
    );
  }

  async #copySelection(): Promise<void> {
    const selection = this.#terminal.getSelection();
    this.#terminal.clearSelection();
    const t = this.#options.strings;
    this.#options.announce(t.text((await copyText(selection)) ? 'kafkalab.terminal.copied' : 'kafkalab.terminal.copyFailed'));
    this.focus();
  }

  #queueFit(): void {
    if (this.#fitQueued) return;
    this.#fitQueued = true;
    requestAnimationFrame(() => {
      this.#fitQueued = false;
      this.#fitNow();
    });
  }

  #fitNow(): void {
    // A frame that is not laid out (a collapsed panel) has no size to fit to.
    if (this.#screen.clientWidth === 0 || this.#screen.clientHeight === 0) return;
    this.#fit.fit();
  }

  #showState(state: ConnectionState): void {
    const t = this.#options.strings;
    clearInterval(this.#retryTimer);
    this.frame.dataset.state = state.kind;
    const notice = this.#notice;
    const hadFocus = this.frame.contains(document.activeElement);
    switch (state.kind) {
      case 'connecting':
        return this.#setNotice(t.text('kafkalab.terminal.connecting'));
      case 'attached':
        this.#options.slots.set(this.slot, state.session);
        // A resumed shell replays its screen: start from a clean one so nothing shows twice.
        if (state.resumed) this.#terminal.reset();
        if (state.replaced) {
          // Below what the old shell left on the screen, on a line of its own.
          const newLine = this.#terminal.buffer.active.cursorX > 0 ? '\r\n' : '';
          this.#terminal.write(`${newLine}\x1b[2m${t.text('kafkalab.terminal.replaced')}\x1b[0m\r\n`);
        }
        if (this.#pendingInput !== null) this.#connection.input(this.#pendingInput);
        this.#pendingInput = null;
        notice.hidden = true;
        notice.replaceChildren();
        this.#announced = '';
        return;
      case 'reconnecting':
      case 'server-down': {
        const message = state.kind === 'reconnecting' ? 'kafkalab.terminal.reconnecting' : 'kafkalab.terminal.serverDown';
        const countdown = element('span', { class: 'terminal-notice-retry' });
        const retryAt = Date.now() + state.retryInMs;
        const tick = () => {
          countdown.textContent = t.text('kafkalab.terminal.retryIn', { seconds: Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)) });
        };
        tick();
        this.#retryTimer = setInterval(tick, 1_000);
        const button = element('button', { type: 'button', class: 'terminal-notice-button' }, t.text('kafkalab.terminal.retryNow'));
        button.addEventListener('click', () => this.#connection.retryNow());
        return this.#setNotice(t.text(message), countdown, button);
      }
      case 'ended': {
        this.#options.slots.clear(this.slot);
        const button = element('button', { type: 'button', class: 'terminal-notice-button', 'data-new-shell': '' }, t.text('kafkalab.terminal.newShell'));
        button.addEventListener('click', () => {
          this.#terminal.reset();
          this.#connection.restart();
          this.focus();
        });
        this.#setNotice(t.text('kafkalab.terminal.ended', { code: state.code }), button);
        if (hadFocus) button.focus();
        return;
      }
      case 'refused': {
        // Another page took this shell over: what is offered here is a shell of this page's own.
        const label = state.code === 'attached_elsewhere' ? 'kafkalab.terminal.newShell' : 'kafkalab.terminal.tryAgain';
        const button = element('button', { type: 'button', class: 'terminal-notice-button' }, t.text(label));
        button.addEventListener('click', () => {
          this.#terminal.reset();
          this.#connection.restart();
        });
        this.#setNotice(state.message, button);
        if (hadFocus) button.focus();
        return;
      }
    }
  }

  /** The notice over the screen: a message (its `backticked` parts as code), then a countdown or a button. */
  #setNotice(message: string, ...parts: HTMLElement[]): void {
    const line = element('strong', { class: 'terminal-notice-message' });
    appendInlineCode(line, message);
    this.#notice.replaceChildren(line, ...parts);
    this.#notice.hidden = false;
    // Said once per change (the countdown beside it is not a live region: it would talk every second).
    if (message !== this.#announced) this.#options.announce(message);
    this.#announced = message;
  }
}
