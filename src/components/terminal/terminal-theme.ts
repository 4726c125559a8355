/**
 * The terminal's colours: dark in both site themes, as terminals usually are and as the lessons'
 * terminal-style code frames look, with ANSI colours readable on it (WCAG AA for the normal ones).
 */
import type { ITheme } from '@xterm/xterm';

export const TERMINAL_THEME: ITheme = {
  background: '#15171c',
  foreground: '#e4e6eb',
  cursor: '#f5f6f8',
  cursorAccent: '#15171c',
  selectionBackground: '#3d5a8a',
  selectionForeground: '#ffffff',
  black: '#2b2f38',
  red: '#ff7b72',
  green: '#7ee787',
  yellow: '#e3b341',
  blue: '#79c0ff',
  magenta: '#d2a8ff',
  cyan: '#76e3ea',
  white: '#d0d4db',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#aff5b4',
  brightYellow: '#f8e3a1',
  brightBlue: '#a5d6ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#b3f0ff',
  brightWhite: '#ffffff',
};

/** Starlight's monospace stack, read from the page so the terminal matches the lessons' code. */
export function terminalFont(): string {
  const font = getComputedStyle(document.documentElement).getPropertyValue('--__sl-font-mono').trim();
  return font || 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';
}
