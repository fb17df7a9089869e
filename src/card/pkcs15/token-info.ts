// TokenInfo (5032): TokenInfo ::= SEQUENCE { version INTEGER, serialNumber OCTET STRING,
// manufacturerID UTF8String OPT, label [0] UTF8String OPT, tokenflags BIT STRING, … }.

import { fact } from '../fact.js';
import { hex } from '../bytes.js';
import { findChild, parseTlvs } from '../tlv/tlv.js';
import { Pkcs15Error, TAG, expectTag, readUnsigned, readUtf8 } from './asn1.js';

export interface TokenInfo {
  readonly version: number;
  /** Hex of the serialNumber octets. */
  readonly serialNumber: string;
  readonly manufacturer?: string;
  readonly label?: string;
}

export function parseTokenInfo(bytes: Uint8Array): TokenInfo {
  const [seq] = parseTlvs(bytes, { allowPadding: true });
  expectTag(seq, TAG.SEQUENCE, 'TokenInfo');
  const version = expectTag(seq!.children?.[0], TAG.INTEGER, fact('card.asn1.part', { what: 'TokenInfo', part: 'version' }));
  const serial = findChild(seq!, TAG.OCTET_STRING);
  if (!serial) throw new Pkcs15Error(fact('card.p15.tokenNoSerial'));
  const manufacturer = findChild(seq!, TAG.UTF8_STRING);
  // [0] implicit is the standard; some cards wrap it explicitly (A0 { 0C … }).
  const label = findChild(seq!, TAG.CTX0) ?? findChild(seq!, TAG.CTX0_CONS)?.children?.[0];
  return {
    version: readUnsigned(version, 'TokenInfo : version'),
    serialNumber: hex(serial.value, ''),
    ...(manufacturer ? { manufacturer: readUtf8(manufacturer) } : {}),
    ...(label ? { label: readUtf8(label) } : {}),
  };
}
