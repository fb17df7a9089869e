// The file system of a simulated CPS3 (docs/card.md §2, §4, §5): MF files, the PKCS#15 application and
// the holder's data objects, all encoded here from a holder and its two certificates.

import { concat, fromHex } from '../bytes.js';
import { bitString, enumerated, int, octets, seq, text, tlv, utf8String } from './der.js';
import { df, ef, type Df, type Ef } from './file-system.js';
import type { HolderData, Situation } from './fixture-holders.js';
import {
  APP_LABEL,
  EF_DIR_SIZE,
  FID,
  KEY_REF,
  LABELS,
  MANUFACTURER,
  PIN_FORMAT,
  PIN_REF,
  PUK_FORMAT,
  PUK_REF,
  SFI,
  TOKEN_LABEL,
  type PinFormat,
} from './profile.js';

export const PKCS15_AID = fromHex('E8 28 BD 08 0F 80 25 00 00 01 FF 00 10');
export const ECC_ROOT_AID = fromHex('80 25 00 00 01 FF 01 00');
export const CPS2TER_AID = fromHex('80 25 00 00 01 FF 00 02');
export const ISSUER_ID = '8025000001';

/** KNOWN [OSC c581d1b26]: EF.ATR on a CPx. */
export const EF_ATR_CONTENT = fromHex(
  '80 43 01 B8 46 04 04 B0 EC C1 47 03 94 01 80 4F 08 80 25 00 00 01 FF 01 00 ' +
    'E0 10 02 02 01 04 02 02 01 04 02 02 01 00 02 02 01 00 78 08 06 06 2B 81 22 F8 78 02 82 02 90 00',
);

export interface CardCertificates {
  readonly signature: { readonly der: Uint8Array; readonly keyId: Uint8Array };
  readonly authentication: { readonly der: Uint8Array; readonly keyId: Uint8Array };
}

/** Luhn check digit over a string of digits (the check digit is appended to the right). */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** EF.SN.ICC: 5A 0A, then BCD issuer + serial + Luhn digit + F (docs/card.md §2). */
export function snIcc(serial: string): Uint8Array {
  const digits = ISSUER_ID + serial;
  return tlv(0x5a, fromHex(digits + String(luhnDigit(digits)) + 'F'));
}

const path = (...fids: number[]): Uint8Array => seq(octets(fids.flatMap((f) => [f >> 8, f & 0xff])));
const appPath = (app: number, fid: number): Uint8Array => path(FID.MF, app, fid);

function efDir(): Uint8Array {
  const template = tlv(0x61, tlv(0x4f, PKCS15_AID), tlv(0x50, text(APP_LABEL)), tlv(0x51, [0x3f, 0x00, FID.APP >> 8, FID.APP & 0xff]));
  // Transparent EF.DIR: the templates, then zeros to the file's size (as OpenSC writes it).
  const out = new Uint8Array(EF_DIR_SIZE);
  out.set(template);
  return out;
}

function odf(app: number): Uint8Array {
  return concat(
    tlv(0xa0, appPath(app, FID.PRKDF)),
    tlv(0xa4, appPath(app, FID.CDF)),
    tlv(0xa7, appPath(app, FID.DODF)),
    tlv(0xa8, appPath(app, FID.AODF)),
  );
}

function tokenInfo(serial: string): Uint8Array {
  const sn = snIcc(serial).subarray(2);
  return seq(int(0), octets(sn), utf8String(MANUFACTURER), tlv(0x80, text(TOKEN_LABEL)), bitString([]));
}

// PinFlags (PKCS#15): initialized 4, needs-padding 5, unblockingPin 6, soPin 7.
function pinAttributes(format: PinFormat, reference: number, extraFlags: number[]): Uint8Array {
  return seq(
    bitString([4, 5, ...extraFlags]),
    enumerated(format.pinType),
    int(format.minLength),
    int(format.storedLength),
    int(format.maxLength),
    tlv(0x80, [reference]),
    octets([format.padChar]),
    path(FID.MF),
  );
}

function aodf(formats: CodeFormats = {}): Uint8Array {
  const pinFormat = formats.pin ?? PIN_FORMAT;
  const pukFormat = formats.puk ?? PUK_FORMAT;
  const pin = seq(
    // CommonObjectAttributes: label, flags (modifiable), authId 02 = the PUK that unblocks it.
    seq(utf8String(LABELS.PIN), bitString([1]), octets([PUK_REF])),
    seq(octets([PIN_REF])),
    tlv(0xa1, pinAttributes(pinFormat, PIN_REF, [])),
  );
  const puk = seq(seq(utf8String(LABELS.PUK)), seq(octets([PUK_REF])), tlv(0xa1, pinAttributes(pukFormat, PUK_REF, [6, 7])));
  return concat(pin, puk);
}

// KeyUsageFlags: decrypt 1, sign 2, nonRepudiation 9. KeyAccessFlags: sensitive 0,
// alwaysSensitive 2, neverExtractable 3, local 4.
function privateKey(app: number, label: string, keyId: Uint8Array, usage: number[], ref: number): Uint8Array {
  return seq(
    seq(utf8String(label), bitString([0]), octets([PIN_REF])),
    seq(octets(keyId), bitString(usage), bitString([0, 2, 3, 4]), int(ref)),
    tlv(0xa1, seq(path(FID.MF, app), int(2048))),
  );
}

function prkdf(app: number, certs: CardCertificates): Uint8Array {
  return concat(
    privateKey(app, LABELS.KEY_SIG, certs.signature.keyId, [9], KEY_REF.SIG),
    privateKey(app, LABELS.KEY_AUT, certs.authentication.keyId, [1, 2], KEY_REF.AUT),
  );
}

function certificate(app: number, label: string, keyId: Uint8Array, fid: number): Uint8Array {
  return seq(seq(utf8String(label)), seq(octets(keyId)), tlv(0xa1, seq(appPath(app, fid))));
}

function cdf(app: number, certs: CardCertificates): Uint8Array {
  return concat(
    certificate(app, LABELS.CERT_SIG, certs.signature.keyId, FID.CERT_SIG),
    certificate(app, LABELS.CERT_AUT, certs.authentication.keyId, FID.CERT_AUT),
  );
}

function dataObject(app: number, label: string, fid: number, needsPin: boolean): Uint8Array {
  const common = needsPin ? seq(utf8String(label), bitString([0]), octets([PIN_REF])) : seq(utf8String(label));
  return seq(common, seq(utf8String('CPS')), tlv(0xa1, appPath(app, fid)));
}

/** Text fields: context tags 80.., empty values left out (an absent field, not an empty one). */
function fields(values: readonly (string | undefined)[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  values.forEach((v, i) => {
    if (v !== undefined && v !== '') out.push(tlv(0x80 + i, text(v)));
  });
  return out;
}

export function idCard(h: HolderData): Uint8Array {
  return tlv(
    0xa0,
    tlv(0x80, [h.category]),
    tlv(0x81, [h.cardType]),
    tlv(0x82, text(h.logicalId)),
    tlv(0x83, text(h.validFrom)),
    tlv(0x84, text(h.validTo)),
  );
}

export function namePs(h: HolderData): Uint8Array {
  return tlv(0xa1, ...fields([h.civility, h.idType, h.identifier, h.surname, h.givenName]));
}

export function infoPs(h: HolderData): Uint8Array {
  return tlv(0xa2, ...fields([h.profession, h.speciality]));
}

export function activity(s: Situation): Uint8Array {
  return tlv(
    0xa3,
    ...fields([
      s.number,
      s.mode,
      s.sector,
      s.structureIdType,
      s.structureId,
      s.companyName,
      s.billingNumber,
      s.convention,
      s.speciality,
      s.tariffZone,
      s.ikZone,
    ]),
  );
}

export function activityLabel(n: number): string {
  return `CPS_ACTIVITY_${String(n).padStart(2, '0')}_PS`;
}

/** A holder data object as a fixture gives it: its DODF label, file and bytes. */
export interface DataObjectFile {
  readonly label: string;
  readonly fid: number;
  readonly data: Uint8Array;
  /** Reading it needs the PIN (CPS_ACTIVITY_nn_PS). */
  readonly needsPin: boolean;
}

/** How a fixture departs from the default card (each field replaces one part of it). */
/** Each code's format, as the AODF declares it and the card checks it (default PIN_FORMAT, PUK_FORMAT). */
export interface CodeFormats {
  readonly pin?: PinFormat;
  readonly puk?: PinFormat;
}

export interface Cps3FilesOptions {
  /** The codes' formats written into the AODF (the card is given the same: fixtures.ts). */
  readonly formats?: CodeFormats;
  /** The holder's data objects, instead of those encoded from `h` in the OURS layout. */
  readonly objects?: readonly DataObjectFile[];
  /** EF.DIR's bytes. */
  readonly efDir?: Uint8Array;
  /** The FCPs of the MF's EFs, as bytes (a real card's). */
  readonly fcps?: { readonly dir?: Uint8Array; readonly atr?: Uint8Array; readonly snIcc?: Uint8Array };
  /** The PKCS#15 application DF (default 3F00/0001, AID …FF 00 10). */
  readonly app?: { readonly fid: number; readonly aid: Uint8Array };
  /** More EFs in the MF (EF_ACTUA). */
  readonly mfFiles?: readonly Ef[];
}

/** The holder's data objects in the OURS layout (docs/card.md §5). */
export function oursObjects(h: HolderData): DataObjectFile[] {
  return [
    { label: 'CPS_ID_CARD', fid: FID.ID_CARD, data: idCard(h), needsPin: false },
    { label: 'CPS_NAME_PS', fid: FID.NAME_PS, data: namePs(h), needsPin: false },
    { label: 'CPS_INFO_PS', fid: FID.INFO_PS, data: infoPs(h), needsPin: false },
    ...h.situations.map((s, i) => ({ label: activityLabel(i + 1), fid: FID.ACTIVITY_BASE + i + 1, data: activity(s), needsPin: true })),
  ];
}

/** The whole card: MF with EF.DIR, EF.ATR, EF.SN.ICC, the PKCS#15 DF and the CPS2ter applet. */
export function buildCps3Files(h: HolderData, certs: CardCertificates, options: Cps3FilesOptions = {}): Df {
  if (h.situations.length > 16) throw new Error('au plus 16 situations d’exercice');
  const list = options.objects ?? oursObjects(h);
  const objects: Ef[] = list.map((o) => ef(o.fid, o.data, o.needsPin ? { needsPin: true } : {}));
  const appFid = options.app?.fid ?? FID.APP;
  const dodf = concat(...list.map((o) => dataObject(appFid, o.label, o.fid, o.needsPin)));
  const app = df(appFid, options.app?.aid ?? PKCS15_AID, [
    ef(FID.ODF, odf(appFid)),
    ef(FID.TOKEN_INFO, tokenInfo(h.serial)),
    ef(FID.AODF, aodf(options.formats)),
    ef(FID.PRKDF, prkdf(appFid, certs)),
    ef(FID.CDF, cdf(appFid, certs)),
    ef(FID.DODF, dodf),
    ef(FID.CERT_SIG, certs.signature.der),
    ef(FID.CERT_AUT, certs.authentication.der),
    ...objects,
  ]);
  const withFcp = (f: Uint8Array | undefined) => (f ? { fcp: f } : {});
  return df(FID.MF, ECC_ROOT_AID, [
    ef(FID.DIR, options.efDir ?? efDir(), { sfi: SFI.DIR, ...withFcp(options.fcps?.dir) }),
    ef(FID.ATR, EF_ATR_CONTENT, { sfi: SFI.ATR, ...withFcp(options.fcps?.atr) }),
    ef(FID.SN_ICC, snIcc(h.serial), { sfi: SFI.SN_ICC, ...withFcp(options.fcps?.snIcc) }),
    ...(options.mfFiles ?? []),
    app,
    df(undefined, CPS2TER_AID, []),
  ]);
}
