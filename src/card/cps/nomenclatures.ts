// Nomenclatures (docs/card.md §6: DICO-FR.GIP v02.18 of the Cryptolib, ANS TRE_* tables). An unknown
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

/**
 * R02 secteur d'activité (RPPS), the code CPS_ACTIVITY_nn_PS carries in its EE layout (tag 86).
 * Codes and labels: ANS TRE_R02-SecteurActivite (OID 1.2.250.1.71.4.2.4, version 2023-03-31,
 * public repository ansforge/IG-NOS, input/NOS/TRE/fhir/TRE_R02-SecteurActivite-FHIR.json): the
 * RPPS table DICO-FR.GIP calls R02 (not compared line by line: DICO-FR.GIP could not be reached).
 * Closed codes (SA11, SA62) are kept: older cards may carry them.
 */
export const R02_SECTOR: Table = {
  SA01: 'Etablissement public de santé',
  SA02: 'Hôpital militaire du Service de santé des armées',
  SA03: 'Etablissement privé PSPH',
  SA04: 'Etablissement privé non PSPH',
  SA05: 'Centre de santé',
  SA06: 'Autre structure du Service de santé des armées',
  SA07: 'Cabinet individuel',
  SA08: 'Cabinet de groupe',
  SA09: 'Exercice en société',
  SA10: 'Transporteur sanitaire',
  SA11: "Entreprise d'intérim",
  SA12: 'Etablissement de soins et prévention',
  SA13: 'Prévention et soins en entreprise',
  SA14: 'Etablissements scolaires, universitaires et de formation hors champ FINESS',
  SA15: 'PMI et Planification familiale',
  SA16: 'Etablissement pour personnes handicapées',
  SA17: 'Etablissement pour personnes âgées',
  SA18: 'Etablissement aide à la famille',
  SA19: 'Etablissements FINESS de formation aux professions sanitaires et sociales',
  SA20: "Etablissement pour la protection de l'enfance",
  SA21: "Etablissement d'hébergement et de réadaptation",
  SA22: 'Recherche',
  SA23: 'Assurance privée',
  SA24: 'Organisme de sécurité sociale',
  SA25: 'Laboratoire de biologie médicale',
  SA26: 'Ministère ou Service déconcentré',
  SA27: 'Collectivité territoriale',
  SA28: 'Association ou organisme humanitaire',
  SA29: "Laboratoire d'analyses et de biologie médicale",
  SA30: 'Autre établissement sanitaire',
  SA31: 'Répartition et Distribution de médicaments et dispositifs médicaux',
  SA32: 'Fabrication, Exploitation et Importation de médicaments et dispositifs médicaux',
  SA33: "Pharmacie d'officine",
  SA34: 'Centre de dialyse',
  SA35: 'Para-pharmacie',
  SA36: 'Centre anti-cancer',
  SA37: 'Centre de transfusion sanguine',
  SA38: 'Pharmacie minière',
  SA39: 'Pharmacie mutualiste',
  SA40: 'Secteur privé, praticien hospitalier temps plein',
  SA41: 'Autre établissement du domaine social ou médico-social',
  SA42: 'Appareillage médical',
  SA43: 'Secteur non défini',
  SA44: 'Recrutement ou Gestion RH',
  SA45: 'Communication, Marketing, Consulting, Média',
  SA46: 'Fab, Exploit, Import, Répart, Distrib médicaments et dispo médicaux',
  SA47: 'Incendie et secours',
  SA48: 'Entreprise indus et tertiaire hors pharmaceutique',
  SA49: 'Entité Outre-Mer',
  SA50: 'Permanence de soins ambulatoires hors cabinet',
  SA51: 'Structure de coop avec autorisation de soins',
  SA52: 'Maison de santé ou Pôle de santé',
  SA53: "Siège administratif d'un établissement de santé",
  SA54: 'Centre de dépistage et de prévention',
  SA55: 'Laboratoire pharmaceutique préparant délivrant allergènes',
  SA56: 'Propharmacie',
  SA57: 'Structure de coop avec mission coordination soins',
  SA58: 'Entreprise de taxis',
  SA59: 'Labo de biologie médicale hors catégorie standard',
  SA60: 'Centres médicaux SNCF',
  SA61: "Structure Dispensatrice à domicile d'Oxygène à usage médical",
  SA62: 'Ordre professionnel de santé',
  SA63: 'Communauté Professionnelle Territoriale de Santé',
};

/**
 * R01 spécialité (RPPS savoir-faire, e.g. SM26), which CPS_INFO_PS is said to end with. Its labels
 * are in DICO-FR.GIP, which this project could not reach (docs/card.md §6): no label is guessed,
 * so every R01 code is shown raw with "(code inconnu)" until the table is filled from the source.
 */
export const R01_SPECIALITY: Table = {};

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
