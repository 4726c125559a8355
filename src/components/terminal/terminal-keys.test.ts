import { describe, expect, it } from 'vitest';
import { terminalKeyAction, type KeyPress } from './terminal-keys.ts';

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...modifiers });

describe('keys the page handles before the terminal', () => {
  const linux = (hasSelection: boolean) => ({ mac: false, hasSelection });
  const mac = (hasSelection: boolean) => ({ mac: true, hasSelection });

  it('Linux and Windows: Ctrl+Shift+C copies a selection and is swallowed without one (no inspector)', () => {
    expect(terminalKeyAction(press('C', { ctrlKey: true, shiftKey: true }), linux(true))).toBe('copy');
    expect(terminalKeyAction(press('C', { ctrlKey: true, shiftKey: true }), linux(false))).toBe('swallow');
  });

  it('Linux and Windows: Ctrl+C copies a selection, and without one is the interrupt for the shell', () => {
    expect(terminalKeyAction(press('c', { ctrlKey: true }), linux(true))).toBe('copy');
    expect(terminalKeyAction(press('c', { ctrlKey: true }), linux(false))).toBe('terminal');
  });

  it('Linux and Windows: Ctrl+Shift+V and Ctrl+V paste', () => {
    expect(terminalKeyAction(press('V', { ctrlKey: true, shiftKey: true }), linux(false))).toBe('paste');
    expect(terminalKeyAction(press('v', { ctrlKey: true }), linux(true))).toBe('paste');
  });

  it('macOS: Cmd+C copies, Cmd+V pastes, and Ctrl+C stays the interrupt even with a selection', () => {
    expect(terminalKeyAction(press('c', { metaKey: true }), mac(true))).toBe('copy');
    expect(terminalKeyAction(press('c', { metaKey: true }), mac(false))).toBe('swallow');
    expect(terminalKeyAction(press('v', { metaKey: true }), mac(false))).toBe('paste');
    expect(terminalKeyAction(press('c', { ctrlKey: true }), mac(true))).toBe('terminal');
  });

  it('Shift+Tab leaves the terminal (Tab itself is the shell\'s completion)', () => {
    expect(terminalKeyAction(press('Tab', { shiftKey: true }), linux(false))).toBe('leave');
    expect(terminalKeyAction(press('Tab', { shiftKey: true }), mac(true))).toBe('leave');
    expect(terminalKeyAction(press('Tab'), linux(false))).toBe('terminal');
    expect(terminalKeyAction(press('Tab', { shiftKey: true, ctrlKey: true }), linux(false))).toBe('terminal');
  });

  it('leaves every other key to the terminal', () => {
    expect(terminalKeyAction(press('c'), linux(true))).toBe('terminal');
    expect(terminalKeyAction(press('d', { ctrlKey: true }), linux(false))).toBe('terminal');
    expect(terminalKeyAction(press('c', { ctrlKey: true, altKey: true }), linux(true))).toBe('terminal');
    expect(terminalKeyAction(press('v', { metaKey: true }), linux(false))).toBe('terminal');
  });
});
