// Unicode whitespace (NBSP, tabs, line breaks from pasted text) all counts as one space between words.
const WHITESPACE_RUNS = /\s+/gu;
const CONTROL = /\p{Cc}/u;

// Printable ASCII words with single spaces between them: already NFC, trimmed and collapsed.
const TIDY_ASCII = /^[!-~]+(?: [!-~]+)*$/;

/** NFC-normalises, trims and collapses inner whitespace, so the same words typed twice compare equal. */
export const tidyText = (input: string): string =>
  TIDY_ASCII.test(input) ? input : input.normalize('NFC').replace(WHITESPACE_RUNS, ' ').trim();

/** Whether text holds control characters (NUL, escape) that a keyboard never types on purpose. */
export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);

/** Length in Unicode code points, so "Łukasz" and emoji count as a person sees them, not as UTF-16 units. */
export const codePointLength = (text: string): number => {
  let length = 0;
  // A loop rather than [...text]: no array per call for a check that runs on every name.
  for (const _ of text) length += 1;
  return length;
};
