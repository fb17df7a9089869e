// CDF: certificates. x509Certificate ::= SEQUENCE { CommonObjectAttributes,
//   CommonCertificateAttributes { iD OCTET STRING, authority BOOLEAN DEFAULT FALSE, … },
//   [1] { X509CertificateAttributes { value ObjectValue (a Path here), … } } }

import { fact } from '../fact.js';
import { findChild, type Tlv } from '../tlv/tlv.js';
import {
  Pkcs15Error,
  TAG,
  expectTag,
  parseFileEntries,
  readBoolean,
  readCommonObject,
  readPath,
  type CommonObject,
  type Entry,
  type Pkcs15Path,
} from './asn1.js';

export interface CertificateEntry {
  readonly common: CommonObject;
  readonly id: Uint8Array;
  readonly authority: boolean;
  readonly path: Pkcs15Path;
}

export function parseCdf(bytes: Uint8Array): Entry<CertificateEntry>[] {
  return parseFileEntries(bytes, parseCertificateEntry);
}

function parseCertificateEntry(t: Tlv): CertificateEntry {
  if (t.tag !== TAG.SEQUENCE) throw new Pkcs15Error(fact('card.p15.certNotX509', { tag: t.tag.toString(16) }));
  const [common, certAttrs] = t.children ?? [];
  const c = expectTag(certAttrs, TAG.SEQUENCE, fact('card.p15.certAttrs'));
  const id = expectTag(c.children?.[0], TAG.OCTET_STRING, fact('card.p15.certId'));
  const authority = findChild(c, TAG.BOOLEAN);
  const x509 = expectTag(findChild(t, TAG.CTX1_CONS)?.children?.[0], TAG.SEQUENCE, fact('card.p15.x509Attrs'));
  const value = x509.children?.[0];
  if (!value || value.tag !== TAG.SEQUENCE) throw new Pkcs15Error(fact('card.p15.certNoPath'));
  return {
    common: readCommonObject(common),
    id: id.value.slice(),
    authority: authority ? readBoolean(authority, 'authority') : false,
    path: readPath(value, fact('card.p15.certPath')),
  };
}
