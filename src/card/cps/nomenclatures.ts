// Nomenclatures (spec §6: DICO-FR.GIP v02.18 of the Cryptolib, ANS TRE_* tables). An unknown
// code is returned alone ({ code }) so the screen shows it with "(code inconnu)": never dropped.

import type { Coded } from './report.js';

type Table = Readonly<Record<string, string>>;

export const G01_CATEGORY: Table = {
  '00': 'Carte de Professionnel ou Personnel de Santé',
  '80': 'Carte test de Professionnel ou Personnel de Santé',
};

export const G02_CARD_TYPE: Table = {
  '00': 'Carte de Professionnel de Santé (CPS)',
  '01': 'Carte de Professionnel de Santé en Formation (CPF)',
  '02': "Carte de Personnel / Directeur d'Établissement (CPE/CDE)",
  '03': 'Carte de Personnel Autorisé (CPA/CDA)',
};

/** G03 civility: the abbreviation the seed shows in front of the name. */
export const G03_CIVILITY: Table = { '22': 'Mme', '23': 'Mlle', '31': 'M' };

export const G07_STRUCTURE_ID_TYPE: Table = {
  '0': 'Id Cabinet ADELI',
  '1': 'FINESS',
  '2': 'SIREN',
  '3': 'SIRET',
  '4': 'Id Cabinet RPPS',
};

export const G08_PERSON_ID_TYPE: Table = {
  '0': 'ADELI',
  '1': 'Id Cabinet ADELI',
  '2': 'DRASS',
  '3': 'FINESS',
  '4': 'SIREN',
  '5': 'SIRET',
  '6': 'Id Cabinet RPPS',
  '8': 'RPPS',
  '9': 'Étudiant',
};

export const G15_PROFESSION: Table = {
  '10': 'Médecin',
  '21': 'Pharmacien',
  '26': 'Audioprothésiste',
  '28': 'Opticien-Lunetier',
  '31': 'Assistant dentaire',
  '32': 'Physicien médical',
  '35': 'Aide-soignant',
  '36': 'Ambulancier',
  '37': 'Auxiliaire de puériculture',
  '38': 'Préparateur en pharmacie hospitalière',
  '39': 'Préparateur en pharmacie',
  '40': 'Chirurgien-Dentiste',
  '50': 'Sage-Femme',
  '60': 'Infirmier',
  '69': 'Infirmier psychiatrique',
  '70': 'Masseur-Kinésithérapeute',
  '80': 'Pédicure-Podologue',
  '81': 'Orthoprothésiste',
  '82': 'Podo-Orthésiste',
  '83': 'Orthopédiste-Orthésiste',
  '84': 'Oculariste',
  '85': 'Épithésiste',
  '86': 'Technicien de laboratoire médical',
  '91': 'Orthophoniste',
  '92': 'Orthoptiste',
  '94': 'Ergothérapeute',
  '95': 'Diététicien',
  '96': 'Psychomotricien',
  '98': 'Manipulateur ERM',
};

export const G17_PRACTICE_MODE: Table = {
  '00': 'Libéral, exploitant ou commerçant',
  '01': 'Salarié',
  '04': 'Remplaçant',
  '07': 'Non rétribué',
};

export const G19_SECTOR: Table = {
  '10': 'Établissement public de santé',
  '25': 'Centre de santé',
  '31': 'Cabinet individuel',
  '32': 'Cabinet de groupe',
  '33': 'Exercice en société',
  '86': "Pharmacie d'officine",
  '102': 'Maison / Pôle de santé',
};

export const G100_SPECIALITY: Table = {
  '01': 'Médecine générale',
  '19': 'Chirurgie dentaire',
  '36': 'Chirurgie dentaire (ODF)',
  '50': 'Pharmacien',
};

export const G101_CONVENTION: Table = {
  '0': 'Non conventionné',
  '1': 'Conventionné',
  '2': 'Conventionné avec dépassement',
  '3': 'Conventionné honoraires libres',
  '9': 'Établissement ou centre de santé',
};

/** G102: the zone is its own code; only 99 has a meaning of its own. */
export const G102_TARIFF_ZONE: Table = { '99': 'Non définie' };

export const G103_IK_ZONE: Table = {
  '0': "Pas d'indemnité kilométrique",
  '1': 'Indemnités kilométriques plaine',
  '2': 'Indemnités kilométriques montagne',
  '3': 'Indemnités kilométriques spéciales',
  '9': 'Non définie',
};

export function coded(table: Table, code: string): Coded {
  const label = Object.hasOwn(table, code) ? table[code] : undefined;
  return label === undefined ? { code } : { code, label };
}

/** The G15 code whose label is `label` (certificates give the label, not the code). */
export function professionCodeFromLabel(label: string): string | undefined {
  const wanted = normalise(label);
  return Object.keys(G15_PROFESSION).find((k) => normalise(G15_PROFESSION[k]!) === wanted);
}

function normalise(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s-]+/g, ' ').trim();
}
