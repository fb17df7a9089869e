// No word a user reads is left outside the catalogues (src/i18n) in the screens, the machine's
// messages and selectors, the key table, the command line (src/app: --help, refusals, simulate,
// diagnose, the exit line, the trace), the report (src/report) and the whole card layer
// (src/card: transport and card errors, the parsers' reasons for an unreadable field, the
// reading's warnings, the simulated cards): every string literal and every JSX text there is
// scanned for French (accents, common words). What must stay is allow-listed with its reason.
// Not scanned: the files that hold card data, which is shown as the card has it in either
// language (the ANS nomenclatures' labels, the simulated holders' names and addresses).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const inDir = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? inDir(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );

/** Card data, shown as the card has it (never translated). */
const CARD_DATA = new Set([
  'src/card/cps/nomenclatures.ts',
  'src/card/simulator/fixture-holders.ts',
  'src/card/simulator/fixture-public.ts',
]);
const FILES = [
  ...inDir('src/screens'),
  ...inDir('src/view'),
  'src/machine/messages.ts',
  'src/machine/notice.ts',
  'src/machine/selectors.ts',
  'src/machine/forms.ts',
  ...inDir('src/app'),
  ...inDir('src/report'),
  ...inDir('src/card').filter((f) => !CARD_DATA.has(f)),
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
  // The labels of the PIN and PUK objects as the cards write them (AODF): card data, matched as such.
  'Code porteur de la carte CPX',
  'Code de deblocage',
  'Certificat de Signature CPS',
  // Model identifiers (CardModel, kept in the JSON report): modelName() says them in words.
  'CPS3 sans contact',
  // The report's section identifiers (JSON schema, docs/report.schema.json), never shown as words.
  'carte',
]);

/** Kept on purpose: programming errors (tests only, or a bug of this code), never shown to a user as a message. */
const DEVELOPER_ONLY = [
  /^lecteur déjà présent : /,
  /^une panne se place/,
  /^lecteur inconnu : /,
  // Programming errors of the card layer: a command or hex text built wrong by this code, a code
  // digit read out of range, the application asked for before the reading found it.
  /^données trop longues pour un APDU court/,
  /^Le invalide/,
  /^hexadécimal invalide/,
  /^chiffre hors du code$/,
  /^application PKCS#15 pas encore trouvée$/,
  // The simulated cards' files built from a fixture that does not fit (tests only).
  /^au plus 16 situations/,
  /^libellés? .*(différentes|trouvé)/,
  /^fichier \$\{fid/,
  /^application PKCS#15 absente$/,
];

// Letters with accents (not × nor ÷, the signs of 80×24 and the like), French quotes, common words.
const FRENCH =
  /[À-ÖØ-öø-ÿ’«»]|\b(le|la|les|du|des|une?|de|au|lieu|octets?|sans|absente?|illisibles?|carte|code|lecteur|aucun|pas|votre|vous|quitter|essais?)\b/i;

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
      // A kebab-case identifier (a notice's kind, 'code-format-unknown'), never a sentence.
      const isIdentifier = /^[a-z0-9]+(-[a-z0-9]+)+$/.test(s);
      return (
        FRENCH.test(words) &&
        !isKey &&
        !isIdentifier &&
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
