import { ComposeFileError, type KeyPathSegment } from './compose-file-error.ts';

/**
 * A `command:` or `entrypoint:` written as one string, split into arguments the way Compose does it
 * (go-shellwords): blanks separate words, '...' is literal, "..." allows \" \\ \$ escapes, a
 * backslash outside quotes escapes the next character. No variables, globs or pipes: that is a shell's job.
 */
export function splitShellWords(text: string, path: readonly KeyPathSegment[]): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new ComposeFileError(path, `unterminated ${quote} quote in ${JSON.stringify(text)}`, 'Close the quote, or write the command as a list of arguments.');
  if (inWord) words.push(word);
  return words;
}
