// What a full read of a card yields, in the user's terms. The machine carries it, the screens
// (and any textual report) render it. A field that could not be read says why; nothing is
// invented. Every string in it that comes from the card has been stripped of control
// characters (src/card/text.ts) before it got here. The card contract behind each field is
// docs/card.md.

import type { GenericNode, GenericView } from '../tlv/generic.js';
import type { CardFact } from '../fact.js';
import type { CodeLength } from './codes.js';
export type { GenericNode, GenericRest, GenericView } from '../tlv/generic.js';

export type Readable<T> =
  { readonly ok: true; readonly value: T; readonly source?: 'data' | 'certificate' } | { readonly ok: false; readonly reason: CardFact };

/** A nomenclature value: the raw code, and its label when the code is known. */
export interface Coded {
  readonly code: string;
  /** undefined: unknown code, shown as "<code> (code inconnu)". */
  readonly label?: string;
}

export type CardModel = 'CPS3' | 'CPS3 sans contact' | 'CPS4' | 'CPS2ter' | 'inconnu';

export interface CardIdentity {
  readonly model: CardModel;
  readonly atr: Uint8Array;
  /** false for CPS2ter and unknown cards: show the ATR, offer nothing. */
  readonly supported: boolean;
  /** false on the contactless interface: there is no PIN there. */
  readonly hasPin: boolean;
}

export interface CodeStatus {
  /** null when the card does not tell. */
  readonly triesLeft: number | null;
  readonly maxTries: number | null;
  /** PUK only: unblocks left in the card's life (null: unknown, e.g. CPS4). */
  readonly unblocksLeft?: number | null;
  /** How many digits the code may have, as the card says (codes.ts); absent before its AODF is read. */
  readonly length?: CodeLength;
}

export interface Holder {
  /** As the seed shows it: civility abbreviation, surname, given name ("M DENT-CS0595 EMILE"). */
  readonly name: Readable<string>;
  readonly identifier: Readable<{ readonly value: string; readonly type: Coded }>;
  readonly profession: Readable<Coded>;
  /**
   * Which certificate gave the fields whose `source` is 'certificate' (absent when none did):
   * the screen says "(d'après le certificat d'authentification)".
   */
  readonly certificate?: CertificateUse;
}

export type CertificateUse = 'signature' | 'authentification' | 'inconnu';

export interface CertificateInfo {
  readonly label: string;
  readonly use: CertificateUse;
  readonly subject: string;
  /** The holder's name as the certificate gives it. */
  readonly holder: string;
  readonly issuer: string;
  /** Hex, as in the certificate. */
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly der: Uint8Array;
}

/**
 * How a data object was laid out: 'A3' (OURS, docs/card.md §5), 'EE' (the layout third-party
 * code read on a real ANS test card: 84 raison sociale, 85 structure, 86 secteur R02), or null:
 * a layout this tool does not know ("format non publié"), shown through `content`.
 */
export type SituationLayout = 'A3' | 'EE' | null;

export interface PracticeSituation {
  /** The DODF label, e.g. "CPS_ACTIVITY_03_PS". */
  readonly label: string;
  /** From the object (A3 tag 80) or else from its label ("03"); "—" when neither says. */
  readonly number: string;
  readonly layout: SituationLayout;
  /** Tags of the template that the layout does not name: shown as they are, never dropped. */
  readonly otherFields: readonly GenericNode[];
  /** layout null: the whole object, in the generic BER-TLV view. */
  readonly content?: GenericView;
  readonly mode: Readable<Coded>;
  readonly sector: Readable<Coded>;
  readonly structureIdType: Readable<Coded>;
  readonly structureId: Readable<string>;
  readonly companyName: Readable<string>;
  readonly billingNumber: Readable<string>;
  readonly convention: Readable<Coded>;
  readonly speciality: Readable<Coded>;
  readonly tariffZone: Readable<Coded>;
  readonly ikZone: Readable<Coded>;
}

/** Where the fields of a data object belong on screen. */
export type ReportSection = 'card' | 'holder' | 'situations';

/**
 * A data object read from the card whose layout this tool does not know ("format non publié"):
 * listed once, with its label and a generic BER-TLV view of its content. The fields it should
 * have given say `${label} : format non publié` as their reason.
 */
export interface UndecodedObject {
  /** The DODF label, e.g. "CPS_ID_CARD". */
  readonly label: string;
  /** card: CPS_ID_CARD (category, type, logical id, dates); holder: CPS_NAME_PS, CPS_INFO_PS (language-neutral: the JSON's identifiers). */
  readonly section: ReportSection;
  readonly content: GenericView;
}

/**
 * EF_ACTUA (3F00/D010), the date of the card's last update. Its layout is not public (OURS,
 * docs/card.md §2): a date written as ASCII YYYYMMDD or as 4 BCD bytes YYYYMMDD (alone or as a
 * primitive value inside TLV) is a date; anything else is shown through the generic view.
 */
export type LastUpdate =
  | { readonly kind: 'date'; /** YYYY-MM-DD */ readonly iso: string; readonly encoding: 'ascii' | 'bcd' }
  | { readonly kind: 'raw'; readonly content: GenericView };

export interface CardReport {
  readonly reader: string;
  readonly identity: CardIdentity;
  readonly serial: Readable<string>;
  readonly issuer: Readable<string>;
  readonly category: Readable<Coded>;
  readonly cardType: Readable<Coded>;
  readonly logicalId: Readable<string>;
  /** ISO dates, YYYY-MM-DD. */
  readonly validFrom: Readable<string>;
  readonly validTo: Readable<string>;
  readonly holder: Holder;
  readonly pin: CodeStatus;
  readonly puk: CodeStatus;
  /** One entry per CDF entry; a malformed certificate is reported alone. */
  readonly certificates: readonly Readable<CertificateInfo>[];
  /** Data objects in a layout this tool does not know, each once (ID_CARD, NAME_PS, INFO_PS). */
  readonly undecoded: readonly UndecodedObject[];
  /** EF_ACTUA; absent when the card has none (6A 82: never updated), or could not be read. */
  readonly lastUpdate?: LastUpdate;
  /** Things worth a warning: identity mismatch between data and certificate, malformed objects. */
  readonly warnings: readonly CardFact[];
  /**
   * Issue 20: what the reader said of itself (PC/SC part 10) on the connection of this read: a
   * keypad that verifies or changes codes, its PIN sizes, ids, firmware, APDU size. Empty: it
   * told nothing (no keypad). Absent: not asked.
   */
  readonly readerFeatures?: import('../transport/part10.js').ReaderFeatures;
  /** Issue 20: on a reader with a keypad, the digits each code takes there (from the AODF). */
  readonly keypadLengths?: import('./keypad.js').KeypadLengths;
}

export type PinState = 'ok' | 'blocked' | 'unknown';
export type PukState = 'ok' | 'blocked' | 'exhausted' | 'unknown';
