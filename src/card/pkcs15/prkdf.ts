// PrKDF: private keys. privateRSAKey ::= SEQUENCE { CommonObjectAttributes,
//   CommonKeyAttributes { iD OCTET STRING, usage KeyUsageFlags, native BOOLEAN DEFAULT TRUE,
//   accessFlags BIT STRING OPT, keyReference INTEGER OPT, … }, [0] CommonPrivateKeyAttributes OPT,
//   [1] { PrivateRSAKeyAttributes { value Path, modulusLength INTEGER, … } } }

import { fact } from '../fact.js';
import { findChild, type Tlv } from '../tlv/tlv.js';
import {
  Pkcs15Error,
  TAG,
  expectTag,
  parseFileEntries,
  readBits,
  readCommonObject,
  readUnsigned,
  type CommonObject,
  type Entry,
} from './asn1.js';

export const KEY_USAGE_NAMES = [
  'encrypt',
  'decrypt',
  'sign',
  'signRecover',
  'wrap',
  'unwrap',
  'verify',
  'verifyRecover',
  'derive',
  'nonRepudiation',
] as const;
export type KeyUsage = (typeof KEY_USAGE_NAMES)[number];

export interface PrivateKey {
  readonly common: CommonObject;
  readonly id: Uint8Array;
  readonly usage: ReadonlySet<KeyUsage>;
  readonly keyReference?: number;
  readonly modulusLength?: number;
}

export function parsePrkdf(bytes: Uint8Array): Entry<PrivateKey>[] {
  return parseFileEntries(bytes, parsePrivateKey);
}

function parsePrivateKey(t: Tlv): PrivateKey {
  if (t.tag !== TAG.SEQUENCE) throw new Pkcs15Error(fact('card.p15.keyNotRsa', { tag: t.tag.toString(16) }));
  const [common, keyAttrs] = t.children ?? [];
  const k = expectTag(keyAttrs, TAG.SEQUENCE, fact('card.p15.keyAttrs'));
  const id = expectTag(k.children?.[0], TAG.OCTET_STRING, fact('card.p15.keyId'));
  const usageBits = readBits(expectTag(k.children?.[1], TAG.BIT_STRING, fact('card.p15.keyUsage')), fact('card.p15.keyUsage'));
  const usage = new Set<KeyUsage>();
  for (const b of usageBits) {
    const name = KEY_USAGE_NAMES[b];
    if (name) usage.add(name);
  }
  const ref = findChild(k, TAG.INTEGER);
  const rsa = findChild(t, TAG.CTX1_CONS)?.children?.[0];
  const modulus = rsa?.tag === TAG.SEQUENCE ? findChild(rsa, TAG.INTEGER) : undefined;
  return {
    common: readCommonObject(common),
    id: id.value.slice(),
    usage,
    ...(ref ? { keyReference: readUnsigned(ref, fact('card.p15.keyRef')) } : {}),
    ...(modulus ? { modulusLength: readUnsigned(modulus, fact('card.p15.modulus')) } : {}),
  };
}
