// Nomenclatures (docs/card.md §6: DICO-FR.GIP v02.18 of the Cryptolib, ANS TRE_* tables). An unknown
// code is returned alone ({ code }) so the screen shows it with "(code inconnu)": never dropped.

import type { Coded } from './report.js';
import type { Dico } from './dico.js';
import { safeText } from '../safe-text.js';

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
 * R01 spécialité (RPPS spécialité ordinale, e.g. SM26), which CPS_INFO_PS is said to end with.
 * DICO-FR.GIP, where the Cryptolib keeps R01, could not be reached (docs/card.md §6). Codes and
 * labels: ANS TRE_R38-SpecialiteOrdinale, as the ANS value set JDV_J210_SpecialiteOrdinale_ROR
 * lists it (OID 1.2.250.1.213.3.4.42, version 2026-07-30, "Terminologies de Santé" IG v1.12.0,
 * ansforge/IG-terminologie-de-sante): the same RPPS codes (SM26, SM54…), taken as R01 by
 * inference. Codes it does not list show raw with "(code inconnu)".
 */
export const R01_SPECIALITY: Table = {
  SCD01: 'Orthopédie dento-faciale (SCD)',
  SCD02: 'Chirurgie orale (SCD)',
  SCD03: 'Médecine bucco-dentaire (SCD)',
  SI01: 'Exercice infirmier en pratique avancée pathologies chroniques stabilisées (SI)',
  SI02: 'Exercice infirmier en pratique avancée oncologie et hémato-oncologie (SI)',
  SI03: 'Exercice infirmier en pratique avancée maladie rénale chronique, dialyse et transplantation rénale (SI)',
  SI04: 'Exercice infirmier en pratique avancée santé mentale (SI)',
  SI06: 'Infirmier(ère) de bloc opératoire (SI)',
  SI07: 'Infirmier(ère) anesthésiste (SI)',
  SI08: 'Infirmier(ère) puériculteur(trice)',
  SM01: 'Anatomie et Cytologie pathologiques (SM)',
  SM02: 'Anesthésie-réanimation (SM)',
  SM03: 'Biologie médicale (SM)',
  SM04: 'Cardiologie et Maladies vasculaires (SM)',
  SM05: 'Chirurgie générale (SM)',
  SM06: 'Chirurgie maxillo-faciale (SM)',
  SM07: 'Chirurgie maxillo-faciale et Stomatologie (SM)',
  SM08: 'Chirurgie orthopédique et Traumatologie (SM)',
  SM09: 'Chirurgie infantile (SM)',
  SM10: 'Chirurgie plastique reconstructrice et esthétique (SM)',
  SM11: 'Chirurgie thoracique et cardio-vasculaire (SM)',
  SM12: 'Chirurgie urologique (SM)',
  SM13: 'Chirurgie vasculaire (SM)',
  SM14: 'Chirurgie viscérale et digestive (SM)',
  SM15: 'Dermatologie et Vénéréologie (SM)',
  SM16: 'Endocrinologie et Métabolisme (SM)',
  SM17: 'Génétique médicale (SM)',
  SM18: 'Gériatrie (SM)',
  SM19: 'Gynécologie médicale (SM)',
  SM20: 'Gynécologie-obstétrique (SM)',
  SM21: 'Hématologie (SM)',
  SM22: 'Hématologie, option Maladie du sang (SM)',
  SM23: 'Hématologie, option Onco-hématologie (SM)',
  SM24: 'Gastro-entérologie et Hépatologie (SM)',
  SM25: 'Médecine du travail (SM)',
  SM26: 'Qualifié en Médecine générale (SM)',
  SM27: 'Médecine interne (SM)',
  SM28: 'Médecine nucléaire (SM)',
  SM29: 'Médecine physique et de réadaptation (SM)',
  SM30: 'Néphrologie (SM)',
  SM31: 'Neuro-chirurgie (SM)',
  SM32: 'Neurologie (SM)',
  SM33: 'Neuro-psychiatrie (SM)',
  SM34: 'ORL et Chirurgie cervico-faciale (SM)',
  SM35: 'Oncologie, option Onco-hématologie (SM)',
  SM36: 'Oncologie, option médicale (SM)',
  SM37: 'Oncologie, option radiothérapie (SM)',
  SM38: 'Ophtalmologie (SM)',
  SM39: 'Oto-rhino-laryngologie (SM)',
  SM40: 'Pédiatrie (SM)',
  SM41: 'Pneumologie (SM)',
  SM42: 'Psychiatrie (SM)',
  SM43: 'Psychiatrie, option enfant et adolescent (SM)',
  SM44: 'Radio-diagnostic (SM)',
  SM45: 'Radio-thérapie (SM)',
  SM46: 'Médecine intensive-réanimation (SM)',
  SM47: 'Recherche médicale (SM)',
  SM48: 'Rhumatologie (SM)',
  SM49: 'Santé publique et Médecine sociale (SM)',
  SM50: 'Stomatologie (SM)',
  SM51: 'Gynéco-obstétrique et Gynéco-médicale, option Gynéco-obstétrique (SM)',
  SM52: 'Gynéco-obstétrique et Gynéco-médicale, option Gynéco-médicale (SM)',
  SM53: 'Spécialiste en Médecine générale (SM)',
  SM54: 'Médecine générale (SM)',
  SM55: 'Radio-diagnostic et Radio-thérapie (SM)',
  SM56: 'Chirurgie orale (SM)',
  SM57: 'Allergologie (SM)',
  SM58: 'Maladies infectieuses et tropicales (SM)',
  SM59: "Médecine d'urgence (SM)",
  SM60: 'Médecine légale et expertises médicales (SM)',
  SM61: 'Médecine vasculaire (SM)',
  SM62: 'Endocrinologie, diabétologie, nutrition (SM)',
  SM63: 'Biologie médicale option biologie générale (SM)',
  SM64: 'Biologie médicale option médecine moléculaire, génétique et pharmacologie (SM)',
  SM65: 'Biologie médicale option hématologie et immunologie (SM)',
  SM66: 'Biologie médicale option agents infectieux (SM)',
  SM67: 'Biologie médicale option biologie de la reproduction (SM)',
  SM68: 'Chirurgie maxillo-faciale (réforme 2017) (SM)',
  SM69: 'Chirurgie pédiatrique option chirurgie viscérale pédiatrique (SM)',
  SM70: 'Chirurgie pédiatrique option orthopédie pédiatrique (SM)',
  SM71: 'Hématologie (réforme 2017) (SM)',
  SM72: 'Médecine interne et immunologie clinique (SM)',
  SM73: 'Médecine cardiovasculaire (SM)',
  SM74: 'Radiologie et imagerie médicale (SM)',
  SM75: 'Santé publique (SM)',
  SM76: 'Anesthésie-réanimation option anesthésie-pédiatrique (SM)',
  SM77: 'Chirurgie maxillo-faciale option orthodontie des dysmorphies maxillo-faciales (SM)',
  SM78: 'Chirurgie viscérale et digestive option endoscopie chirurgicale (SM)',
  SM79: 'Médecine cardiovasculaire option cardiologie interventionnelle (SM)',
  SM80: "Médecine cardiovasculaire option imagerie cardio d'expert (SM)",
  SM81: 'Médecine cardiovasculaire option rythmologie interventionnelle et stimulation cardiaque (SM)',
  SM82: 'Médecine intensive-réanimation option réanimation pédiatrique (SM)',
  SM83: 'Néphrologie option soins intensifs néphrologiques (SM)',
  SM84: "Neurologie option traitement interventionnel de l'ischémie cérébrale aigüe (SM)",
  SM85: 'Ophtalmo option chirurgie ophtalmopédiatrique et strabologique (SM)',
  SM86: 'ORL et chirurgie cervico-faciale option audiophonologie (SM)',
  SM87: 'Pédiatrie option néonatologie (SM)',
  SM88: 'Pédiatrie option neuropédiatrie (SM)',
  SM89: 'Pédiatrie option pneumopédiatrie (SM)',
  SM90: 'Pédiatrie option réanimation pédiatrique (SM)',
  SM91: 'Pneumologie option soins intensifs respiratoires (SM)',
  SM92: 'Psychiatrie option enfant et adolescent (SM)',
  SM93: 'Psychiatrie option psychiatrie personne âgée (SM)',
  SM94: 'Radiologie imagerie médicale option radiologie interventionnelle avancée (SM)',
  SM95: 'Santé publique option administration de la santé (SM)',
};

/** Each table of ours and its name in DICO-FR.GIP (G03's abbreviations are G06 there). */
export const DICO_TABLE_OF: ReadonlyMap<Table, string> = new Map([
  [G01_CATEGORY, 'G01'],
  [G02_CARD_TYPE, 'G02'],
  [G03_CIVILITY, 'G06'],
  [G07_STRUCTURE_ID_TYPE, 'G07'],
  [G08_PERSON_ID_TYPE, 'G08'],
  [G15_PROFESSION, 'G15'],
  [G17_PRACTICE_MODE, 'G17'],
  [G19_SECTOR, 'G19'],
  [G100_SPECIALITY, 'G100'],
  [G101_CONVENTION, 'G101'],
  [G102_TARIFF_ZONE, 'G102'],
  [G103_IK_ZONE, 'G103'],
  [R02_SECTOR, 'R02'],
  [R01_SPECIALITY, 'R01'],
]);

let installed: Dico | undefined;

/**
 * The Cryptolib's installed DICO-FR.GIP (src/card/cps/dico.ts), for codes our own tables lack
 * (issue 22). Only a file whose SHA-1 matches is used; undefined forgets it.
 */
export function useInstalledDictionary(d: Dico | undefined): void {
  installed = d?.checksumOk === true ? d : undefined;
}

export function coded(table: Table, code: string): Coded {
  const own = Object.hasOwn(table, code) ? table[code] : undefined;
  const name = DICO_TABLE_OF.get(table);
  const fromDico = own === undefined && name !== undefined ? installed?.tables.get(name)?.get(code) : undefined;
  const label = own ?? (fromDico !== undefined ? safeText(fromDico).trim() || undefined : undefined);
  return label === undefined ? { code } : { code, label };
}

/** The G15 code whose label is `label` (certificates give the label, not the code). */
export function professionCodeFromLabel(label: string): string | undefined {
  const wanted = normalise(label);
  return Object.keys(G15_PROFESSION).find((k) => normalise(G15_PROFESSION[k]!) === wanted);
}

function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim();
}
