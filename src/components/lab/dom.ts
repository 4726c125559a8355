/** Small DOM helpers for the lab pages' scripts (no framework). */

/** `element('span', { class: 'x', 'data-node': 'kafka-1' }, 'text', child)`. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.append(...children);
  return made;
}

/** The element matching `selector` inside `root`; throws when the page lacks it (a build mistake). */
export function required<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`lab page: nothing matches ${selector}`);
  return found;
}

/**
 * Marks a control unavailable without `disabled`, so a keyboard user's focus stays on it (a disabled
 * button drops focus to the page) and screen readers say "dimmed"; click handlers check `isAvailable`.
 */
export function setAvailable(control: HTMLElement, available: boolean): void {
  if (available) control.removeAttribute('aria-disabled');
  else control.setAttribute('aria-disabled', 'true');
}

export function isAvailable(control: HTMLElement): boolean {
  return control.getAttribute('aria-disabled') !== 'true';
}

/** Hides `control`; if it had the focus, hands the focus to `fallback` instead of losing it. */
export function hideKeepingFocus(control: HTMLElement, fallback: HTMLElement | null | undefined): void {
  const hadFocus = document.activeElement === control;
  control.hidden = true;
  if (hadFocus && fallback && !fallback.hidden) fallback.focus();
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
