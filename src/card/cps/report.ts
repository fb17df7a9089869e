// What a full read of a card yields, in the user's terms. The machine carries it, the screens
// render it. A field that could not be read says why; nothing is invented.

export type Readable<T> =
  | { readonly ok: true; readonly value: T; readonly source?: 'data' | 'certificate' }
  | { readonly ok: false; readonly reason: string };

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
}

export interface Holder {
  /** As the seed shows it: civility abbreviation, surname, given name ("M DENT-CS0595 EMILE"). */
  readonly name: Readable<string>;
  readonly identifier: Readable<{ readonly value: string; readonly type: Coded }>;
  readonly profession: Readable<Coded>;
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

export interface PracticeSituation {
  readonly number: string;
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
  /** Things worth a warning: identity mismatch between data and certificate, malformed objects. */
  readonly warnings: readonly string[];
}

export type PinState = 'ok' | 'blocked' | 'unknown';
export type PukState = 'ok' | 'blocked' | 'exhausted' | 'unknown';
