/**
 * The keys the page handles before the terminal sees them. The clipboard, as terminals on each system
 * do it: Ctrl+Shift+C / Ctrl+Shift+V (Linux, Windows) and Cmd+C / Cmd+V (macOS) copy and paste; Ctrl+C
 * copies while text is selected (Windows Terminal's rule) and is otherwise the interrupt the shell gets
 * as `^C`; Ctrl+V pastes (the lab shell has no use for a literal-next key). And a way out: Tab belongs
 * to the shell (completion), so Shift+Tab moves the focus out of the terminal, as the browser does
 * anywhere else, and no keyboard user is trapped in it.
 */

/**
 * - `copy`: copy the selection (and swallow the key);
 * - `paste`: let the browser paste (its paste event reaches the terminal, no permission prompt);
 * - `leave`: let the browser move the focus (Shift+Tab);
 * - `swallow`: nothing to do, and the browser must not act (Ctrl+Shift+C would open the inspector);
 * - `terminal`: an ordinary key for the terminal (Ctrl+C without a selection is the interrupt).
 */
export type TerminalKeyAction = 'copy' | 'paste' | 'leave' | 'swallow' | 'terminal';

/** The parts of a `KeyboardEvent` that decide it. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function terminalKeyAction(press: KeyPress, options: { mac: boolean; hasSelection: boolean }): TerminalKeyAction {
  if (press.key === 'Tab' && press.shiftKey && !press.ctrlKey && !press.altKey && !press.metaKey) return 'leave';
  const key = press.key.toLowerCase();
  if (press.altKey || (key !== 'c' && key !== 'v')) return 'terminal';
  const copyOrNothing = options.hasSelection ? 'copy' : 'swallow';
  if (options.mac) {
    if (!press.metaKey || press.ctrlKey) return 'terminal';
    return key === 'c' ? copyOrNothing : 'paste';
  }
  if (!press.ctrlKey || press.metaKey) return 'terminal';
  if (key === 'v') return 'paste';
  if (press.shiftKey) return copyOrNothing;
  return options.hasSelection ? 'copy' : 'terminal';
}

/** macOS (and iPadOS with a keyboard) use Cmd for the clipboard. */
export function isMac(navigator: Navigator): boolean {
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform;
  return /mac|iphone|ipad/i.test(platform);
}
