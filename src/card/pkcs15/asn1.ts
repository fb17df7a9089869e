// Small readers for the DER values PKCS#15 files hold. Each raises Pkcs15Error on bad input.

import { CardFactError, fact, factOf, type CardFact, type CardFactValue } from '../fact.js';
import { utf8 } from '../bytes.js';
import { safeText } from '../safe-text.js';
import { findChild, parseTlv, parseTlvs, rawOf, type Tlv } from '../tlv/tlv.js';

/** A PKCS#15 object that is not as expected: a fact (worded by the view), an English message. */
export class Pkcs15Error extends CardFactError {
  override readonly name = 'Pkcs15Error';
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  CTX0: 0x80,
  CTX0_CONS: 0xa0,
  CTX1_CONS: 0xa1,
} as const;

export function expectTag(t: Tlv | undefined, tag: number, what: CardFactValue): Tlv {
  if (!t) throw new Pkcs15Error(fact('card.asn1.absent', { what }));
  if (t.tag !== tag) throw new Pkcs15Error(fact('card.asn1.tag', { what, found: t.tag.toString(16), expected: tag.toString(16) }));
  return t;
}

/** A non-negative INTEGER/ENUMERATED. Card references (0x81) are sometimes written without the
 *  leading 00 DER wants; they are read as unsigned, as every card reader does. */
export function readUnsigned(t: Tlv, what: CardFactValue): number {
  if (t.value.length === 0 || t.value.length > 4) throw new Pkcs15Error(fact('card.asn1.integer', { what, n: t.value.length }));
  let n = 0;
  for (const b of t.value) n = n * 256 + b;
  return n;
}

/** The numbers of the bits set in a BIT STRING (bit 0 is the first, most significant one). */
export function readBits(t: Tlv, what: CardFactValue): Set<number> {
  const v = t.value;
  if (v.length === 0) throw new Pkcs15Error(fact('card.asn1.emptyBits', { what }));
  const unused = v[0]!;
  if (unused > 7 || (v.length === 1 && unused !== 0)) throw new Pkcs15Error(fact('card.asn1.unusedBits', { what, unused }));
  const bits = new Set<number>();
  const total = (v.length - 1) * 8 - unused;
  for (let i = 0; i < total; i++) {
    if ((v[1 + (i >> 3)]! & (0x80 >> (i & 7))) !== 0) bits.add(i);
  }
  return bits;
}

export function readUtf8(t: Tlv): string {
  // Labels and names come from the card: stripped of control characters here, where they enter.
  return safeText(utf8(t.value));
}

export function readBoolean(t: Tlv, what: CardFactValue): boolean {
  if (t.value.length !== 1) throw new Pkcs15Error(fact('card.asn1.boolean', { what, n: t.value.length }));
  return t.value[0] !== 0;
}

/** Path ::= SEQUENCE { path OCTET STRING, index INTEGER OPTIONAL, length [0] INTEGER OPTIONAL } */
export interface Pkcs15Path {
  readonly path: Uint8Array;
  readonly index?: number;
  readonly length?: number;
}

export function readPath(t: Tlv, what: CardFactValue): Pkcs15Path {
  expectTag(t, TAG.SEQUENCE, what);
  const p = expectTag(findChild(t, TAG.OCTET_STRING), TAG.OCTET_STRING, fact('card.asn1.part', { what, part: fact('card.p15.path') }));
  if (p.value.length === 0 || p.value.length % 2 !== 0) throw new Pkcs15Error(fact('card.asn1.path', { what, n: p.value.length }));
  const index = findChild(t, TAG.INTEGER);
  const length = findChild(t, TAG.CTX0);
  return {
    path: p.value.slice(),
    ...(index ? { index: readUnsigned(index, fact('card.asn1.part', { what, part: fact('card.p15.index') })) } : {}),
    ...(length ? { length: readUnsigned(length, fact('card.asn1.part', { what, part: fact('card.p15.length') })) } : {}),
  };
}

/** CommonObjectAttributes ::= SEQUENCE { label UTF8String OPT, flags BIT STRING OPT, authId OCTET STRING OPT, … } */
export interface CommonObject {
  readonly label?: string;
  readonly private: boolean;
  readonly modifiable: boolean;
  /** The authentication object protecting this one (for a PIN: the PIN that unblocks it). */
  readonly authId?: Uint8Array;
}

export function readCommonObject(t: Tlv | undefined): CommonObject {
  const seq = expectTag(t, TAG.SEQUENCE, fact('card.p15.commonAttrs'));
  const label = findChild(seq, TAG.UTF8_STRING);
  const flags = findChild(seq, TAG.BIT_STRING);
  const authId = findChild(seq, TAG.OCTET_STRING);
  const bits = flags ? readBits(flags, fact('card.p15.flags')) : new Set<number>();
  return {
    ...(label ? { label: readUtf8(label) } : {}),
    private: bits.has(0),
    modifiable: bits.has(1),
    ...(authId ? { authId: authId.value.slice() } : {}),
  };
}

/** Each entry of a directory file, parsed alone: one bad entry never hides the others. */
export type Entry<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly index: number; readonly reason: CardFact };

/**
 * Splits a directory file into its top-level objects, then parses each alone, so that a damaged
 * entry (even one whose inner TLV is broken) never hides the others. Raises TlvError only when
 * the file cannot even be split.
 */
export function parseFileEntries<T>(bytes: Uint8Array, parse: (t: Tlv) => T): Entry<T>[] {
  const top = parseTlvs(bytes, { allowPadding: true, shallow: true });
  return top.map((shallow, index) => {
    try {
      return { ok: true as const, value: parse(parseTlv(rawOf(bytes, shallow))) };
    } catch (e) {
      return { ok: false as const, index, reason: factOf(e) };
    }
  });
}
