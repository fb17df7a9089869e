// The two catalogues say the same things: the same keys, the same {placeholders} in each text,
// nothing left empty, nothing unused; and the language is chosen as the issue says (--lang, LC_ALL, LC_MESSAGES,
// LANG, French when unsure).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, detectLanguage, fill, placeholdersOf, tIn, type Key } from '../../../src/i18n/index.js';

const keys = (c: object) => Object.keys(c).sort();

describe('the catalogues', () => {
  it('English has exactly the French keys', () => {
    expect(keys(CATALOGUES.en)).toEqual(keys(CATALOGUES.fr));
  });

  it('each English text has the same placeholders as the French one', () => {
    const differ = (Object.keys(CATALOGUES.fr) as Key[]).filter(
      (k) => placeholdersOf(CATALOGUES.fr[k]).join() !== placeholdersOf(CATALOGUES.en[k]).join(),
    );
    expect(differ).toEqual([]);
  });

  it('no text is empty, none is left untranslated by mistake in English (French accents or words)', () => {
    for (const lang of ['fr', 'en'] as const) for (const v of Object.values(CATALOGUES[lang])) expect(v.trim()).not.toBe('');
    // Proper names of the ANS and key names (o for "oui") are the only French left in English.
    const frenchInEnglish = Object.entries(CATALOGUES.en).filter(
      ([, v]) =>
        /\b(carte|lecteur|code porteur|déblocage|essai|Entrée|Échap)\b/.test(v.replace(/https?:\/\/\S+/g, '')) &&
        !/Agence du Numérique en Santé/.test(v),
    );
    expect(frenchInEnglish).toEqual([]);
  });

  it('every text is used: its key is named in src, or built from a prefix there (`key.${id}.does`)', () => {
    const src = join(import.meta.dirname, '../../../src');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === 'i18n' ? [] : files(join(dir, e.name))) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const code = files(src)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const prefixes = [...code.matchAll(/`([a-zA-Z][\w.-]*\.)\$\{/g)].map((m) => m[1]!);
    const unused = Object.keys(CATALOGUES.fr).filter((k) => !code.includes(`'${k}'`) && !prefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(tIn('fr', 'msg.wrongPuk.text', { tries: '2 essais' })).toBe('Code de déblocage erroné. Il vous reste 2 essais.');
    expect(tIn('en', 'msg.wrongPuk.text', { tries: '2 tries' })).toBe('Wrong unblock code. You have 2 tries left.');
    expect(fill('a {b} {c}', { b: 1 })).toBe('a 1 {c}');
  });
});

describe('the language', () => {
  it('--lang wins over the environment', () => {
    expect(detectLanguage('en', { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(detectLanguage('fr', { LC_ALL: 'en_US.UTF-8' })).toBe('fr');
  });

  it('then LC_ALL, LC_MESSAGES, LANG, in that order', () => {
    expect(detectLanguage(undefined, { LC_ALL: 'en_GB.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(detectLanguage(undefined, { LC_MESSAGES: 'en_US', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(detectLanguage(undefined, { LC_ALL: '', LC_MESSAGES: 'fr_BE', LANG: 'en_US' })).toBe('fr');
    expect(detectLanguage(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
  });

  it('French when unsure: nothing set, C, POSIX, another language', () => {
    expect(detectLanguage(undefined, {})).toBe('fr');
    expect(detectLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('fr');
    expect(detectLanguage(undefined, { LC_ALL: 'POSIX', LANG: 'en_US' })).toBe('fr');
    expect(detectLanguage(undefined, { LANG: 'de_DE.UTF-8' })).toBe('fr');
  });
});
