// The catalogue's words for the component tests that run in both languages: a test asserts what
// the screen says in the language it set, read from that language's catalogue (src/i18n).

import { CATALOGUES, LANGS, fill, type Key, type Lang } from '../../src/i18n/index.js';

/** [['fr'], ['en']]: for describe.each. */
export const LANG_CASES: readonly (readonly [Lang])[] = LANGS.map((l) => [l] as const);

export type Words = (key: Key, params?: Readonly<Record<string, string | number>>) => string;

/** A key's text in `lang`, its {placeholders} filled. */
export function wordsIn(lang: Lang): Words {
  return (key, params) => fill(CATALOGUES[lang][key], params);
}

/** "3 essais sur 3" / "3 tries of 3": a code's tries as the info tab shows them ("0 essai", "0 tries"). */
export function triesOf(w: Words, tries: number, max: number): string {
  const plural = w('value.tries.one', { n: 1 }) === '1 essai' ? tries > 1 : tries !== 1;
  return w('value.triesOf', { tries: w(plural ? 'value.tries.many' : 'value.tries.one', { n: tries }), max });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A "label   value" row, whatever the width of the label's column in this language. */
export function row(label: string, value: string): RegExp {
  return new RegExp(`${escape(label)} +${escape(value)}`);
}

/** The text of a template before its first {placeholder}: what a test can look for. */
export function head(w: Words, key: Key): string {
  return w(key).split('{')[0]!.trimEnd();
}

/** A frame as one line of words: borders and line breaks gone, so a wrapped paragraph reads whole. */
export function flat(frame: string): string {
  return frame.replace(/[║│╔╗╚╝═─]/g, ' ').replace(/\s+/g, ' ');
}

/** Checks that every text (or pattern) shows in the frame, each after the one before it. */
export function expectInOrder(frame: string, items: readonly (string | RegExp)[], check: (at: number, label: string) => void): void {
  let at = -1;
  for (const item of items) {
    const rest = frame.slice(at + 1);
    const found = typeof item === 'string' ? rest.indexOf(item) : rest.search(item);
    check(found < 0 ? -1 : at + 1 + found, String(item));
    if (found >= 0) at = at + 1 + found;
  }
}
