/**
 * Lab text marks commands and names with backticks ("run `kcat -L`"). This splits it into plain and
 * code parts, so both the build (Astro) and the page's scripts render `<code>` without parsing HTML.
 */
export interface TextPart {
  code: boolean;
  text: string;
}

/** `"run \`kcat -L\` now"` → run · kcat -L (code) · now. An unpaired backtick stays plain text. */
export function splitInlineCode(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ code: false, text: text.slice(last, match.index) });
    parts.push({ code: true, text: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}

/** Appends `text` to `parent` as text nodes and `<code>` elements (no HTML is parsed). */
export function appendInlineCode(parent: Node, text: string): void {
  for (const part of splitInlineCode(text)) {
    if (!part.code) {
      parent.appendChild(document.createTextNode(part.text));
      continue;
    }
    const code = document.createElement('code');
    code.textContent = part.text;
    parent.appendChild(code);
  }
}
