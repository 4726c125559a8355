/**
 * The page scripts' UI text: the `kafkalab.*` strings of the page's language, handed over by the
 * build in a JSON island (`<UiStrings>`), with i18next's `{{name}}` placeholders and `_one`/`_other`
 * plural forms, so the scripts carry no English of their own.
 */
export type UiParams = Readonly<Record<string, string | number>>;

export class UiStrings {
  readonly #templates: Readonly<Record<string, string>>;
  readonly #plural: Intl.PluralRules;

  constructor(templates: Readonly<Record<string, string>>, lang: string) {
    this.#templates = templates;
    this.#plural = new Intl.PluralRules(lang);
  }

  /** `text('kafkalab.cluster.actionLabel.stop', { node: 'kafka-2' })` → `Stop kafka-2`; a missing key shows as `[key]`. */
  text(key: string, params: UiParams = {}): string {
    const count = params.count;
    const template = (typeof count === 'number' ? this.#templates[`${key}_${this.#plural.select(count)}`] : undefined) ?? this.#templates[key];
    if (template === undefined) return `[${key}]`;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }
}

/** Reads the island `<script type="application/json" data-ui-strings>` inside `root` (or the document). */
export function readUiStrings(root: ParentNode = document): UiStrings {
  const island = root.querySelector<HTMLScriptElement>('script[data-ui-strings]');
  const templates = island ? (JSON.parse(island.textContent ?? '{}') as Record<string, string>) : {};
  return new UiStrings(templates, document.documentElement.lang || 'en');
}
