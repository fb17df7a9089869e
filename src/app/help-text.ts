// `cps-audit --help` (and `cps-audit help`), in French. Its first screen (24 lines of 80
// columns) holds the commands, the main options and the exit codes; the key table follows, taken
// from keys.ts, then the simulated cards and each exit code in full. No line passes 80 columns.

import { FIXTURE_DESCRIPTIONS, FIXTURE_NAMES } from '../card/simulator/fixtures.js';
import { wrap } from '../report/text.js';
import { EXIT_TABLE, exitCodeColumns } from './exit-codes.js';
import { helpSections } from './keys.js';

/** Lines of the first screen of --help: at most this many. */
export const FIRST_SCREEN_ROWS = 24;

export function firstScreen(version: string): string[] {
  return [
    `cps-audit ${version} — audit de la carte CPS (lecture, déblocage, changement)`,
    '',
    'Commandes :',
    '  cps-audit [--reader NOM]         écran interactif, lecteur réel (pcscd)',
    '  cps-audit --demo [--card NOM]    démonstration sur une carte simulée',
    '  cps-audit report [--json]        rapport sans écran (texte ou JSON)',
    '  cps-audit diagnose [--json]      diagnostic du poste (pcscd, polkit, lecteurs)',
    '  cps-audit simulate --card NOM    carte simulée vue par pcscd (vpcd)',
    '  cps-audit help, --help, --version',
    'Options :',
    '  --reader NOM      le lecteur dont le nom contient NOM',
    '  --trace FICHIER   trace APDU horodatée pour le support (codes masqués, 0600)',
    '  --json            report et diagnose : JSON (schéma docs/report.schema.json)',
    "  --real-speed      --demo à la vitesse d'une vraie carte (liaison T=0)",
    "Les codes se saisissent dans l'écran seulement, jamais sur la ligne de commande.",
    'Codes de sortie (détail plus bas) :',
    ...exitCodeColumns(),
  ];
}

export function helpText(version: string): string {
  const lines = firstScreen(version);
  lines.push('', "Touches de l'écran interactif (seule Entrée sur le bouton envoie un code) :");
  for (const section of helpSections()) {
    if (section.rows.length === 0) continue;
    lines.push(`  ${section.title}`);
    for (const row of section.rows) {
      const keys = `    ${row.keys.padEnd(16)} `;
      const room = 80 - keys.length;
      wrap(row.does, room).forEach((l, i) => lines.push(i === 0 ? keys + l : ' '.repeat(keys.length) + l));
    }
  }
  lines.push('', 'Cartes simulées (--demo --card NOM, simulate --card NOM) :');
  for (const name of FIXTURE_NAMES) {
    const head = `  ${name.padEnd(16)} `;
    wrap(FIXTURE_DESCRIPTIONS[name], 80 - head.length).forEach((l, i) => lines.push(i === 0 ? head + l : ' '.repeat(head.length) + l));
  }
  lines.push('', 'Codes de sortie :');
  for (const r of EXIT_TABLE) {
    const head = `  ${String(r.code).padStart(2)}  `;
    wrap(r.means, 80 - head.length).forEach((l, i) => lines.push(i === 0 ? head + l : ' '.repeat(head.length) + l));
  }
  lines.push('', 'Terminal : 80 colonnes × 23 lignes au moins. NO_COLOR=1 retire les couleurs.');
  return lines.join('\n') + '\n';
}
