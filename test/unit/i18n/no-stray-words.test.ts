// No word a user reads is left outside the catalogues (src/i18n) in the screens, the machine's
// messages and selectors, the key table, the command line (src/app: --help, refusals, simulate,
// diagnose, the exit line, the trace), the report (src/report) and the card-layer files whose
// sentences reach the user (transport and card errors, reader matching, the simulated cards'
// descriptions and state-file errors): every string literal and every JSX text there is scanned
// for French (accents, common words). What must stay is allow-listed with its reason.
//
// Not yet scanned (their sentences are still French in both languages, see the issue-11a
// report): src/card/cps/session.ts and the PIN sequence files (being split), and the parsers'
// technical reasons for an unreadable field (src/card/pkcs15, src/card/tlv, holder-data.ts,
// sn-icc.ts, application.ts); src/card/cps/nomenclatures.ts holds card data (ANS labels), which
// is never translated.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const inDir = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => `${dir}/${f}`);
const FILES = [
  ...inDir('src/screens'),
  'src/machine/messages.ts',
  'src/machine/selectors.ts',
  'src/machine/forms.ts',
  ...inDir('src/app'),
  ...inDir('src/report'),
  ...inDir('src/card/transport'),
  'src/card/text.ts',
  'src/card/cps/errors.ts',
  'src/card/cps/identify.ts',
  'src/card/cps/service.ts',
  'src/card/simulator/fixtures.ts',
  'src/card/simulator/memory.ts',
  'src/card/simulator/quirks.ts',
];

/** Kept on purpose, each with its reason. */
const ALLOWED = new Set([
  // Key identifiers, translated on screen by keyName() (src/app/keys.ts).
  'Entrée',
  'Échap',
  'Maj-Tab',
  'Retour arrière',
  'Entrée, Tab',
  // Commands that `simulate` accepts on its standard input, in French as well as English.
  'insérer',
  'quitter',
  // The name of a simulated card's quirk: a command-line value (simulate --quirk NAME).
  '6c-on-refused-code',
  // The simulated reader's name: data, as pcscd would give a reader's name (tests and README use it).
  'Lecteur simulé 00',
]);

/** Kept on purpose: programming errors of the in-process transport (tests only), never shown to a user. */
const DEVELOPER_ONLY = [/^lecteur déjà présent : /, /^une panne se place/, /^lecteur inconnu : /];

// Letters with accents (not × nor ÷, the signs of 80×24 and the like), French quotes, common words.
const FRENCH = /[À-ÖØ-öø-ÿ’«»]|\b(le|la|les|du|des|une?|carte|code|lecteur|aucun|pas|votre|vous|quitter|essais?)\b/i;

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
      return (
        FRENCH.test(words) &&
        !isKey &&
        !ALLOWED.has(s) &&
        !DEVELOPER_ONLY.some((r) => r.test(s)) &&
        !s.startsWith('../') &&
        !s.startsWith('./')
      );
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
