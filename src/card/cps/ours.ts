// Every choice this project makes where the public record is silent ("OURS" in docs/card.md), in one place,
// so that it can be replaced when the real specification ("ASIP_CPS3_Données-métier") is found.
// Everything else in src/card follows KNOWN sources.

/** Data object labels in the DODF. The labels are KNOWN [CL]; what they hold (below) is OURS. */
export const DATA_OBJECT_LABELS = {
  idCard: 'CPS_ID_CARD',
  name: 'CPS_NAME_PS',
  info: 'CPS_INFO_PS',
  /** CPS_ACTIVITY_01_PS … CPS_ACTIVITY_16_PS: the PIN is needed to read them. */
  activity: /^CPS_ACTIVITY_(\d{2})_PS$/,
} as const;

/** docs/card.md §5 (OURS): one constructed template per object, context tags inside. */
export const HOLDER_LAYOUT = {
  idCard: { template: 0xa0, category: 0x80, cardType: 0x81, logicalId: 0x82, validFrom: 0x83, validTo: 0x84 },
  name: { template: 0xa1, civility: 0x80, idType: 0x81, identifier: 0x82, surname: 0x83, givenName: 0x84 },
  info: { template: 0xa2, profession: 0x80, speciality: 0x81 },
  activity: {
    template: 0xa3,
    number: 0x80,
    mode: 0x81,
    sector: 0x82,
    structureIdType: 0x83,
    structureId: 0x84,
    companyName: 0x85,
    billingNumber: 0x86,
    convention: 0x87,
    speciality: 0x88,
    tariffZone: 0x89,
    ikZone: 0x8a,
  },
} as const;

/**
 * CPS_ACTIVITY_nn_PS as third-party code read it on a real ANS test card (evidence, MED;
 * docs/card.md §5): a constructed template EE holding 84 raison sociale, 85 structure national
 * identifier, 86 secteur d'activité (R02 code, e.g. "SA07"). Not OURS, but not KNOWN either: kept
 * here beside the OURS layouts so that all holder layouts are in one place.
 */
export const ACTIVITY_EE_LAYOUT = { template: 0xee, companyName: 0x84, structureId: 0x85, sector: 0x86 } as const;

/** AODF labels: the PIN's is KNOWN; the PUK's is OURS (the PUK is found by authId first). */
export const PIN_LABEL = 'Code porteur de la carte CPX';
export const PUK_LABEL = 'Code de deblocage';

/**
 * Key labels of the PrKDF (OURS), used only when the key usage flags do not tell a signature
 * key (nonRepudiation) from an authentication key.
 */
export const KEY_LABELS = { signature: 'CPS_PRIV_SIG', authentication: 'CPS_PRIV_AUT' } as const;

/**
 * Issue 20, codes typed on the reader's keypad (OURS): how long the reader waits for the holder's
 * keys, in seconds (bTimerOut of the part 10 structures). The CCID driver waits at least 90 s for
 * the reader's answer; a minute per entry lets a holder find the card's letter without making a
 * forgotten prompt hold the card for long.
 */
export const KEYPAD_TIMEOUT_S = 60;
