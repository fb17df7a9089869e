// DODF: data objects. opaqueDO ::= SEQUENCE { CommonObjectAttributes,
//   CommonDataObjectAttributes { applicationName UTF8String OPT, applicationOID OID OPT },
//   [1] { ObjectValue: a Path here } }

import { fact } from '../fact.js';
import { findChild, type Tlv } from '../tlv/tlv.js';
import {
  Pkcs15Error,
  TAG,
  expectTag,
  parseFileEntries,
  readCommonObject,
  readPath,
  readUtf8,
  type CommonObject,
  type Entry,
  type Pkcs15Path,
} from './asn1.js';

export interface DataObjectEntry {
  readonly common: CommonObject;
  readonly applicationName?: string;
  readonly path: Pkcs15Path;
}

export function parseDodf(bytes: Uint8Array): Entry<DataObjectEntry>[] {
  return parseFileEntries(bytes, parseDataObject);
}

function parseDataObject(t: Tlv): DataObjectEntry {
  if (t.tag !== TAG.SEQUENCE) throw new Pkcs15Error(fact('card.p15.dataNotOpaque', { tag: t.tag.toString(16) }));
  const [common, dataAttrs] = t.children ?? [];
  const d = expectTag(dataAttrs, TAG.SEQUENCE, fact('card.p15.dataAttrs'));
  const app = findChild(d, TAG.UTF8_STRING);
  const value = findChild(t, TAG.CTX1_CONS)?.children?.[0];
  if (!value || value.tag !== TAG.SEQUENCE) throw new Pkcs15Error(fact('card.p15.dataNoPath'));
  return {
    common: readCommonObject(common),
    ...(app ? { applicationName: readUtf8(app) } : {}),
    path: readPath(value, fact('card.p15.dataPath')),
  };
}
