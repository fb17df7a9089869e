// ODF (5031): where each directory file lives. PKCS #15 v1.1 §6.2: PKCS15Objects CHOICE,
// privateKeys [0] … authObjects [8], each holding a Path (the only form cards use).

import { fact } from '../fact.js';
import { Pkcs15Error, TAG, expectTag, parseFileEntries, readPath, type Entry, type Pkcs15Path } from './asn1.js';

export type OdfKind =
  | 'privateKeys'
  | 'publicKeys'
  | 'trustedPublicKeys'
  | 'secretKeys'
  | 'certificates'
  | 'trustedCertificates'
  | 'usefulCertificates'
  | 'dataObjects'
  | 'authObjects';

const KINDS: readonly OdfKind[] = [
  'privateKeys',
  'publicKeys',
  'trustedPublicKeys',
  'secretKeys',
  'certificates',
  'trustedCertificates',
  'usefulCertificates',
  'dataObjects',
  'authObjects',
];

export interface OdfEntry {
  readonly kind: OdfKind;
  readonly path: Pkcs15Path;
}

export function parseOdf(bytes: Uint8Array): Entry<OdfEntry>[] {
  return parseFileEntries(bytes, (t) => {
    const n = t.tag - 0xa0;
    const kind = KINDS[n];
    if (!t.constructed || n < 0 || !kind) throw new Pkcs15Error(fact('card.p15.odfEntry', { tag: t.tag.toString(16) }));
    return { kind, path: readPath(expectTag(t.children?.[0], TAG.SEQUENCE, `ODF ${kind}`), `ODF ${kind}`) };
  });
}
