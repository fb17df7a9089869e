// `cps-audit --help`, in French, with the keys taken from the key table.

import { FIXTURE_DESCRIPTIONS, FIXTURE_NAMES } from '../card/simulator/fixtures.js';
import { helpSections } from './keys.js';

export function helpText(version: string): string {
  const lines = [
    `cps-audit ${version} — Outil d'Audit de la carte CPS dans un terminal`,
    '',
    'Lit une Carte de Professionnel de Santé (CPS), débloque ou change son code porteur.',
    '',
    'Utilisation :',
    '  cps-audit                     lit la carte du lecteur (service PC/SC pcscd)',
    '  cps-audit --reader NOM        utilise le lecteur dont le nom contient NOM',
    '  cps-audit --demo              démonstration avec une carte simulée (aucun lecteur requis)',
    '  cps-audit --demo --card NOM   choisit la carte simulée (par défaut : seed)',
    '  cps-audit simulate …          carte simulée vue par pcscd (lecteur virtuel vpcd) ; voir « cps-audit simulate --help »',
    '  cps-audit --help              affiche cette aide',
    '  cps-audit --version           affiche la version',
    '',
    'Les codes se saisissent uniquement dans l\'écran, masqués ; jamais sur la ligne de commande.',
    'Une touche n\'envoie jamais un code à elle seule : il faut Entrée sur le bouton « Débloquer » ou « Changer ».',
    '',
    'Cartes simulées (--demo --card NOM, simulate --card NOM) :',
    ...FIXTURE_NAMES.map((name) => `  ${name.padEnd(16)} ${FIXTURE_DESCRIPTIONS[name]}`),
    '',
    'Touches :',
  ];
  for (const section of helpSections()) {
    if (section.rows.length === 0) continue;
    lines.push(`  ${section.title}`);
    for (const row of section.rows) lines.push(`    ${row.keys.padEnd(16)} ${row.does}`);
  }
  lines.push('', 'Taille minimale du terminal : 80 colonnes × 24 lignes. NO_COLOR=1 retire les couleurs.');
  return lines.join('\n') + '\n';
}
