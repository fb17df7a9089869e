// AODF: authentication objects. PKCS #15 v1.1 §6.8 / ISO/IEC 7816-15:
//   pin ::= SEQUENCE { CommonObjectAttributes, CommonAuthenticationObjectAttributes { authId },
//                      [1] { PinAttributes } }
//   PinAttributes ::= SEQUENCE { pinFlags BIT STRING, pinType ENUMERATED, minLength INTEGER,
//     storedLength INTEGER, maxLength INTEGER OPT, pinReference [0] INTEGER OPT,
//     padChar OCTET STRING OPT, lastPinChange GeneralizedTime OPT, path Path OPT }

import { fact } from '../fact.js';
import { findChild } from '../tlv/tlv.js';
import {
  Pkcs15Error,
  TAG,
  expectTag,
  parseFileEntries,
  readBits,
  readCommonObject,
  readPath,
  readUnsigned,
  type CommonObject,
  type Entry,
  type Pkcs15Path,
} from './asn1.js';

export const PIN_FLAG_NAMES = [
  'case-sensitive',
  'local',
  'change-disabled',
  'unblock-disabled',
  'initialized',
  'needs-padding',
  'unblockingPin',
  'soPin',
  'disable-allowed',
  'integrity-protected',
  'confidentiality-protected',
  'exchangeRefData',
] as const;
export type PinFlag = (typeof PIN_FLAG_NAMES)[number];

export const PIN_TYPES = ['bcd', 'ascii-numeric', 'utf8', 'half-nibble-bcd', 'iso9564-1'] as const;
export type PinType = (typeof PIN_TYPES)[number];

export interface PinAttributes {
  readonly flags: ReadonlySet<PinFlag>;
  readonly type: PinType;
  readonly minLength: number;
  readonly storedLength: number;
  readonly maxLength?: number;
  readonly reference?: number;
  readonly padChar?: number;
  readonly path?: Pkcs15Path;
}

export interface AuthObject {
  readonly common: CommonObject;
  /** This object's own identifier (other objects name it in their authId). */
  readonly authId: Uint8Array;
  readonly pin: PinAttributes;
}

export function parseAodf(bytes: Uint8Array): Entry<AuthObject>[] {
  return parseFileEntries(bytes, parseAuthObject);
}

function parseAuthObject(t: import('../tlv/tlv.js').Tlv): AuthObject {
  if (t.tag !== TAG.SEQUENCE) throw new Pkcs15Error(fact('card.p15.authNotPin', { tag: t.tag.toString(16) }));
  const [common, classAttrs] = t.children ?? [];
  const authId = findChild(expectTag(classAttrs, TAG.SEQUENCE, fact('card.p15.authAttrs')), TAG.OCTET_STRING);
  if (!authId) throw new Pkcs15Error(fact('card.asn1.absent', { what: 'authId' }));
  const typeAttrs = findChild(t, TAG.CTX1_CONS);
  const attrs = expectTag(typeAttrs?.children?.[0], TAG.SEQUENCE, 'PinAttributes');
  return { common: readCommonObject(common), authId: authId.value.slice(), pin: readPinAttributes(attrs) };
}

function readPinAttributes(seq: import('../tlv/tlv.js').Tlv): PinAttributes {
  const kids = seq.children ?? [];
  const bits = readBits(expectTag(kids[0], TAG.BIT_STRING, 'pinFlags'), 'pinFlags');
  const flags = new Set<PinFlag>();
  for (const b of bits) {
    const name = PIN_FLAG_NAMES[b];
    if (name) flags.add(name);
  }
  const typeNo = readUnsigned(expectTag(kids[1], TAG.ENUMERATED, 'pinType'), 'pinType');
  const type = PIN_TYPES[typeNo];
  if (!type) throw new Pkcs15Error(fact('card.p15.pinType', { n: typeNo }));
  const minLength = readUnsigned(expectTag(kids[2], TAG.INTEGER, 'minLength'), 'minLength');
  const storedLength = readUnsigned(expectTag(kids[3], TAG.INTEGER, 'storedLength'), 'storedLength');
  const maxTlv = kids[4]?.tag === TAG.INTEGER ? kids[4] : undefined;
  const ref = findChild(seq, TAG.CTX0);
  const pad = findChild(seq, TAG.OCTET_STRING);
  const path = findChild(seq, TAG.SEQUENCE);
  if (pad && pad.value.length !== 1) throw new Pkcs15Error(fact('card.p15.padChar', { n: pad.value.length }));
  if (storedLength > 64 || minLength > storedLength + 64) throw new Pkcs15Error(fact('card.p15.pinLengths'));
  return {
    flags,
    type,
    minLength,
    storedLength,
    ...(maxTlv ? { maxLength: readUnsigned(maxTlv, 'maxLength') } : {}),
    ...(ref ? { reference: readUnsigned(ref, 'pinReference') } : {}),
    ...(pad ? { padChar: pad.value[0]! } : {}),
    ...(path ? { path: readPath(path, fact('card.p15.pinPath')) } : {}),
  };
}
