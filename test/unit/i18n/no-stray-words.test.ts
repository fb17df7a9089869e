// No word a user reads is left outside the catalogues (src/i18n) in the screens, the machine's
// messages and selectors, and the key table: every string literal and every JSX text there is
// scanned for French (accents, common words). What must stay is allow-listed with its reason.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const FILES = [
  ...readdirSync(join(ROOT, 'src/screens')).map((f) => `src/screens/${f}`),
  'src/machine/messages.ts',
  'src/machine/selectors.ts',
  'src/machine/forms.ts',
  'src/app/keys.ts',
];

/** Kept on purpose: key identifiers, translated on screen by keyName() (src/app/keys.ts). */
const ALLOWED = new Set(['Entrée', 'Échap', 'Maj-Tab', 'Retour arrière', 'Entrée, Tab']);

const FRENCH = /[À-ÿ’«»]|\b(le|la|les|du|des|une?|carte|code|lecteur|aucun|pas|votre|vous|quitter|essais?)\b/i;

function withoutComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** String literals and JSX texts of a source file. */
export function literals(src: string): string[] {
  const code = withoutComments(src);
  const out: string[] = [];
  for (const m of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  for (const m of code.matchAll(/(?<![=-])>([^<>{}();=]*[A-Za-zÀ-ÿ][^<>{}();=]*)</g)) out.push(m[1]!.trim());
  return out;
}

describe('no user-facing literal outside the catalogues', () => {
  it.each(FILES)('%s', (file) => {
    const found = literals(readFileSync(join(ROOT, file), 'utf8')).filter((s) => {
      const words = s.replace(/\$\{[^}]*\}/g, '');
      const isKey = /^[a-z]+(\.[\wÀ-ÿ -]+)+$/.test(s);
      return FRENCH.test(words) && !isKey && !ALLOWED.has(s) && !s.startsWith('../') && !s.startsWith('./');
    });
    expect(found).toEqual([]);
  });

  it('the scan itself finds a French literal and a JSX text', () => {
    expect(literals("const a = 'Carte retirée';\n// 'commentaire'\nconst b = <Text>Aucune carte</Text>;")).toEqual([
      'Carte retirée',
      'Aucune carte',
    ]);
  });
});
