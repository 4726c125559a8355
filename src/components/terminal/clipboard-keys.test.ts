import { describe, expect, it } from 'vitest';
import { clipboardKeyAction, type KeyPress } from './clipboard-keys.ts';

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...modifiers });

describe('clipboard keys in the terminal', () => {
  const linux = (hasSelection: boolean) => ({ mac: false, hasSelection });
  const mac = (hasSelection: boolean) => ({ mac: true, hasSelection });

  it('Linux and Windows: Ctrl+Shift+C copies a selection and is swallowed without one (no inspector)', () => {
    expect(clipboardKeyAction(press('C', { ctrlKey: true, shiftKey: true }), linux(true))).toBe('copy');
    expect(clipboardKeyAction(press('C', { ctrlKey: true, shiftKey: true }), linux(false))).toBe('swallow');
  });

  it('Linux and Windows: Ctrl+C copies a selection, and without one is the interrupt for the shell', () => {
    expect(clipboardKeyAction(press('c', { ctrlKey: true }), linux(true))).toBe('copy');
    expect(clipboardKeyAction(press('c', { ctrlKey: true }), linux(false))).toBe('terminal');
  });

  it('Linux and Windows: Ctrl+Shift+V and Ctrl+V paste', () => {
    expect(clipboardKeyAction(press('V', { ctrlKey: true, shiftKey: true }), linux(false))).toBe('paste');
    expect(clipboardKeyAction(press('v', { ctrlKey: true }), linux(true))).toBe('paste');
  });

  it('macOS: Cmd+C copies, Cmd+V pastes, and Ctrl+C stays the interrupt even with a selection', () => {
    expect(clipboardKeyAction(press('c', { metaKey: true }), mac(true))).toBe('copy');
    expect(clipboardKeyAction(press('c', { metaKey: true }), mac(false))).toBe('swallow');
    expect(clipboardKeyAction(press('v', { metaKey: true }), mac(false))).toBe('paste');
    expect(clipboardKeyAction(press('c', { ctrlKey: true }), mac(true))).toBe('terminal');
  });

  it('leaves every other key to the terminal', () => {
    expect(clipboardKeyAction(press('c'), linux(true))).toBe('terminal');
    expect(clipboardKeyAction(press('d', { ctrlKey: true }), linux(false))).toBe('terminal');
    expect(clipboardKeyAction(press('c', { ctrlKey: true, altKey: true }), linux(true))).toBe('terminal');
    expect(clipboardKeyAction(press('v', { metaKey: true }), linux(false))).toBe('terminal');
  });
});
