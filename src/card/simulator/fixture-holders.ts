// The people and cards behind the fixtures. Both the fixture cards and the certificate script
// (scripts/make-fixture-certificates.ts) read these, so the holder data and the certificate
// subjects cannot disagree. Codes follow docs/card.md §6; the layout they go into is docs/card.md §5 (OURS).

export interface Situation {
  readonly number: string;
  readonly mode: string; // G17
  readonly sector: string; // G19
  readonly structureIdType: string; // G07
  readonly structureId: string;
  readonly companyName: string;
  readonly billingNumber: string;
  readonly convention: string; // G101
  readonly speciality: string; // G100
  readonly tariffZone: string; // G102
  readonly ikZone: string; // G103
}

export interface HolderData {
  readonly category: number; // G01: 0x80 test card
  readonly cardType: number; // G02
  readonly serial: string; // 8 digits
  readonly logicalId: string; // 10 digits
  readonly validFrom: string; // YYYYMMDD
  readonly validTo: string; // YYYYMMDD
  readonly civility: string; // G03
  readonly idType: string; // G08 digit
  readonly identifier: string;
  readonly surname: string;
  readonly givenName: string;
  /** G15; undefined for staff cards that carry no profession. */
  readonly profession?: string;
  readonly speciality?: string;
  /** The profession as the certificate's OU writes it. */
  readonly professionLabel: string;
  readonly situations: readonly Situation[];
}

/** Spec §7: the card the seed shows. */
export const SEED_HOLDER: HolderData = {
  category: 0x80,
  cardType: 0x00,
  serial: '99002752',
  logicalId: '2300081197',
  validFrom: '20110515',
  validTo: '20140331',
  civility: '31',
  idType: '0',
  identifier: '0B4005951',
  surname: 'DENT-CS0595',
  givenName: 'EMILE',
  profession: '40',
  professionLabel: 'Chirurgien-Dentiste',
  situations: [
    {
      number: '01',
      mode: '00',
      sector: '31',
      structureIdType: '0',
      structureId: '0B4005951',
      companyName: 'CABINET DENTAIRE DENT-CS0595',
      billingNumber: '0B4005951',
      convention: '1',
      speciality: '19',
      tariffZone: '10',
      ikZone: '1',
    },
  ],
};

/** A current card identified by RPPS, valid until 2029, with two practice situations. */
export const RPPS_HOLDER: HolderData = {
  category: 0x80,
  cardType: 0x00,
  serial: '99104417',
  logicalId: '2500123456',
  validFrom: '20250301',
  validTo: '20290228',
  civility: '22',
  idType: '8',
  identifier: '10101234567',
  surname: 'MEDECIN-RPPS0001',
  givenName: 'Hélène',
  profession: '10',
  speciality: '01',
  professionLabel: 'Médecin',
  situations: [
    {
      number: '01',
      mode: '00',
      sector: '31',
      structureIdType: '4',
      structureId: '410101234567',
      companyName: 'Cabinet du Dr Hélène MEDECIN-RPPS0001',
      billingNumber: '751234568',
      convention: '1',
      speciality: '01',
      tariffZone: '24',
      ikZone: '1',
    },
    {
      number: '02',
      mode: '01',
      sector: '10',
      structureIdType: '1',
      structureId: '750100018',
      companyName: 'CENTRE HOSPITALIER DE TEST',
      billingNumber: '751234576',
      convention: '9',
      speciality: '01',
      tariffZone: '99',
      ikZone: '9',
    },
  ],
};

/** A staff card (CPE, G02 02): identified by FINESS and a staff number, no profession. */
export const CPE_HOLDER: HolderData = {
  category: 0x80,
  cardType: 0x02,
  serial: '99207731',
  logicalId: '2400456789',
  validFrom: '20240915',
  validTo: '20270914',
  civility: '23',
  idType: '3',
  identifier: '750100018/CPET00001',
  surname: 'ACCUEIL-CPE0001',
  givenName: 'SOPHIE',
  professionLabel: "Personnel d'établissement",
  situations: [
    {
      number: '01',
      mode: '01',
      sector: '10',
      structureIdType: '1',
      structureId: '750100018',
      companyName: 'CENTRE HOSPITALIER DE TEST',
      billingNumber: '',
      convention: '9',
      speciality: '',
      tariffZone: '99',
      ikZone: '9',
    },
  ],
};

/**
 * The same doctor on a CPS4 issued to replace her CPS3: another card (serial, logical id), the
 * same person and certificates' validity, so the CPS4 fixture carries the RPPS holder's
 * certificates (the test authority's key is gone: no new certificate can chain to it).
 */
export const CPS4_HOLDER: HolderData = {
  ...RPPS_HOLDER,
  serial: '99410026',
  logicalId: '2500654321',
};

/** The holders that carry certificates of their own (the PUK-state fixtures reuse the seed's). */
export const CERTIFIED_HOLDERS = {
  seed: SEED_HOLDER,
  'cps3-rpps': RPPS_HOLDER,
  cpe: CPE_HOLDER,
} as const;

export type CertifiedHolderName = keyof typeof CERTIFIED_HOLDERS;
