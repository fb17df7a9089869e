// EF.DIR (3F00/2F00): application templates 61 { 4F AID, 50 label, 51 path } (ISO/IEC 7816-4 §8.2.1.1).

import { t as say } from '../../i18n/index.js';
import { ascii } from '../bytes.js';
import { safeText } from '../safe-text.js';
import { findChild } from '../tlv/tlv.js';
import { Pkcs15Error, parseFileEntries, type Entry } from './asn1.js';

export interface Application {
  readonly aid: Uint8Array;
  readonly label?: string;
  /** The application DF's path from the MF (e.g. 3F00 0001), when given. */
  readonly path?: Uint8Array;
}

/** Raises TlvError if the file is not TLV at all; a bad template is one failed entry. */
export function parseEfDir(bytes: Uint8Array): Entry<Application>[] {
  return parseFileEntries(bytes, (t) => {
    if (t.tag !== 0x61) throw new Pkcs15Error(say('card.p15.dirTemplate', { tag: t.tag.toString(16) }));
    const aid = findChild(t, 0x4f);
    if (!aid || aid.value.length === 0) throw new Pkcs15Error(say('card.p15.noAid'));
    const label = findChild(t, 0x50);
    const path = findChild(t, 0x51);
    return {
      aid: aid.value.slice(),
      ...(label ? { label: safeText(ascii(label.value)) } : {}),
      ...(path && path.value.length >= 2 && path.value.length % 2 === 0 ? { path: path.value.slice() } : {}),
    };
  });
}
