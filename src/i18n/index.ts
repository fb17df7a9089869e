// The words of the tool, by key, in French (the default) and English. Every catalogue has the
// French one's keys (tsc fails on a missing English key) and the same {placeholders}
// (test/unit/i18n/catalogue.test.ts). The language is chosen once, before anything is shown
// (--lang, else LC_ALL, LC_MESSAGES, LANG; French when unsure); texts are looked up when they are
// read, so the machine's notices carry no language of their own (see `lazyNotice`).

import { en } from './en.js';
import { fr } from './fr.js';
import { safeLines } from '../card/safe-text.js';

export type FrenchCatalogue = typeof fr;
export type Key = keyof FrenchCatalogue;
export type Catalogue = { readonly [K in Key]: string };
export type Lang = 'fr' | 'en';

export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { fr, en };
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** The names between braces in a template: "Il vous reste {tries}." → "tries". */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer R}` ? P | Placeholders<R> : never;
export type Params<K extends Key> = [Placeholders<FrenchCatalogue[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<FrenchCatalogue[K]>, string | number>];

let current: Lang = 'fr';

export function setLanguage(lang: Lang): void {
  current = lang;
}

export function language(): Lang {
  return current;
}

/**
 * Fills a template's {placeholders}; a missing one stays as it is (the catalogue test sees it).
 * A parameter is where outside text enters a sentence (a reader's name, a file name, pcscd's
 * words): each one is made safe to show (safeText, line by line), so no sentence carries an escape.
 */
export function fill(template: string, params: Readonly<Record<string, string | number>> | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? safeLines(String(params[name])) : whole));
}

/** The text of `key` in the chosen language. */
export function t<K extends Key>(key: K, ...params: Params<K>): string {
  return fill(CATALOGUES[current][key], params[0]);
}

/** The text of `key` in a given language (tests, screenshots). */
export function tIn<K extends Key>(lang: Lang, key: K, ...params: Params<K>): string {
  return fill(CATALOGUES[lang][key], params[0]);
}

/** The {placeholders} a template uses, sorted. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** Language from a locale name ("en_GB.UTF-8" → en); undefined when it says nothing we have. */
function fromLocale(value: string | undefined): Lang | undefined {
  if (value === undefined || value === '') return undefined;
  const l = value.toLowerCase();
  if (l.startsWith('en')) return 'en';
  if (l.startsWith('fr')) return 'fr';
  return undefined;
}

/**
 * --lang first; then the first of LC_ALL, LC_MESSAGES, LANG that is set (POSIX order); French
 * when that one names neither language ("C", "de_DE"...).
 */
export function detectLanguage(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (flag === 'fr' || flag === 'en') return flag;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v !== undefined && v !== '') return fromLocale(v) ?? 'fr';
  }
  return 'fr';
}

/** `t` for a key chosen at run time (a union of keys): its params are not checked by type. */
export function tr(key: Key, params?: Readonly<Record<string, string | number>>): string {
  return fill(CATALOGUES[current][key], params);
}

/** The plural form for `n` in the chosen language: French says "0 essai", English "0 tries". */
export function isPlural(n: number): boolean {
  return current === 'fr' ? Math.abs(n) >= 2 : Math.abs(n) !== 1;
}
