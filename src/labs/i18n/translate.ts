/**
 * Learner-facing text goes through message catalogs (one per language: `en.ts` beside each lab and
 * beside the shared checks), so a second locale is a new catalog, never a change to lab logic.
 * Messages use `{name}` placeholders.
 */
export type Messages = Readonly<Record<string, string>>;
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: string, params?: MessageParams) => string;

/** A translator over `catalogs` (later ones win); a missing key shows as `[key]` so tests catch it. */
export function createTranslate(...catalogs: Messages[]): Translate {
  const messages: Record<string, string> = Object.assign({}, ...catalogs);
  return (key, params = {}) => {
    const template = messages[key];
    if (template === undefined) return `[${key}]`;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
