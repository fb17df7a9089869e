// `cps3-public`: a CPS3 built from the bytes public traces give of a REAL card (docs/card.md §2.1,
// OpenSC issues #2223 and #2275, PR #2217), with holder objects in layouts this tool does not
// know, so that the demo and the tests show what a real card looks like to it today.
//
// KNOWN, byte for byte from the traces: the ATR; the FCPs of EF.SN.ICC (D003), EF.ATR (2F01) and
// EF.DIR (2F00), with their sizes (12, 57, 101), SFIs and access rules; EF.SN.ICC
// `5A 0A 80 25 00 00 01 99 21 38 45 0F` (serial 99213845); EF.ATR; no EF_ACTUA (6A 82); the PIN's
// counters (3 of 3, rules F3 00 00 13 FF 00) and the PUK's (10 of 10, 100 unblocks left, rules
// F3 FF 00 FF FF 00); EF.DIR's two applications, "CPX IAS" (…FF 00 10) and "CPX IAS CL" (…FF 00 20).
// Evidence (MED, third-party code on a real ANS test card): the EE layout of the situations and
// its values ("CABINET M DOC0073574", "499700735741008", "SA07"; "HOPITAL GENERIQUE",
// "10B0307377", "SA01"); the situations' files D120…D12F [CL]; "SM26" at the end of CPS_INFO_PS.
// OURS: everything else — EF.DIR's bytes beyond the AIDs and labels, the templates E1/E2/E3 of
// CPS_ID_CARD, CPS_NAME_PS and CPS_INFO_PS (chosen so that no layout of this tool matches them),
// the extra tag 87 in the first situation, situation 02 left out (01 and 03 only, as the
// Cryptolib allows), the PKCS#15 files around them, and the certificates (those of the cps3-rpps
// fixture: a real card's certificates are not public).

import { concat, fromHex } from '../bytes.js';
import { text, tlv } from './der.js';
import type { Cps3FilesOptions, DataObjectFile } from './cps3-files.js';
import { FID } from './profile.js';

export const CPS3_PUBLIC_SERIAL = '99213845';

/** FCPs from the trace (KNOWN). */
export const PUBLIC_FCPS = {
  snIcc: fromHex('62 25 80 02 00 0C 82 01 01 83 02 D0 03 88 01 E0 A1 12 8C 07 7B FF FF FF FF FF 00 9C 07 7B FF FF FF FF FF 00 8A 01 05'),
  atr: fromHex('62 25 80 02 00 39 82 01 01 83 02 2F 01 88 01 E8 A1 12 8C 07 7B 45 FF FF FF 45 00 9C 07 7B FF FF FF FF FF 00 8A 01 05'),
  dir: fromHex('62 25 80 02 00 65 82 01 01 83 02 2F 00 88 01 F0 A1 12 8C 07 7B 45 FF FF FF 45 00 9C 07 7B FF FF FF FF FF 00 8A 01 05'),
} as const;

/** The counters' access rules from the trace (KNOWN): the PIN's and the PUK's. */
export const PUBLIC_COUNTER_RULES = {
  pin: [0x8c, 0x06, 0xf3, 0x00, 0x00, 0x13, 0xff, 0x00],
  puk: [0x8c, 0x06, 0xf3, 0xff, 0x00, 0xff, 0xff, 0x00],
} as const;

const CONTACT_AID = fromHex('E8 28 BD 08 0F 80 25 00 00 01 FF 00 10');
const CONTACTLESS_AID = fromHex('E8 28 BD 08 0F 80 25 00 00 01 FF 00 20');

/** EF.DIR, 101 bytes: the two applications the trace names (labels KNOWN, the rest OURS). */
export function publicEfDir(): Uint8Array {
  const out = new Uint8Array(101);
  out.set(
    concat(
      tlv(0x61, tlv(0x4f, CONTACT_AID), tlv(0x50, text('CPX IAS')), tlv(0x51, [0x3f, 0x00, 0x00, 0x01])),
      tlv(0x61, tlv(0x4f, CONTACTLESS_AID), tlv(0x50, text('CPX IAS CL')), tlv(0x51, [0x3f, 0x00, 0x00, 0x02])),
    ),
  );
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Holder objects in layouts this tool does not know (OURS), with plausible content. */
export function publicObjects(): DataObjectFile[] {
  return [
    {
      label: 'CPS_ID_CARD',
      fid: FID.ID_CARD,
      data: tlv(
        0xe1,
        tlv(0x81, [0x80]),
        tlv(0x82, [0x00]),
        tlv(0x83, text('2500123456')),
        tlv(0x84, text('20250301')),
        tlv(0x85, text('20290228')),
      ),
      needsPin: false,
    },
    {
      label: 'CPS_NAME_PS',
      fid: FID.NAME_PS,
      data: tlv(
        0xe2,
        tlv(0x80, text('22')),
        tlv(0x81, text('8')),
        tlv(0x82, text('10101234567')),
        tlv(0x83, text('MEDECIN-RPPS0001')),
        tlv(0x84, utf8('Hélène')),
      ),
      needsPin: false,
    },
    { label: 'CPS_INFO_PS', fid: FID.INFO_PS, data: tlv(0xe3, tlv(0x80, text('10')), tlv(0x81, text('SM26'))), needsPin: false },
    {
      label: 'CPS_ACTIVITY_01_PS',
      fid: 0xd121,
      data: tlv(
        0xee,
        tlv(0x84, text('CABINET M DOC0073574')),
        tlv(0x85, text('499700735741008')),
        tlv(0x86, text('SA07')),
        tlv(0x87, text('01')),
      ),
      needsPin: true,
    },
    {
      label: 'CPS_ACTIVITY_03_PS',
      fid: 0xd123,
      data: tlv(0xee, tlv(0x84, text('HOPITAL GENERIQUE')), tlv(0x85, text('10B0307377')), tlv(0x86, text('SA01'))),
      needsPin: true,
    },
  ];
}

/** The file options of cps3-public. */
export function publicFiles(): Cps3FilesOptions {
  return { objects: publicObjects(), efDir: publicEfDir(), fcps: PUBLIC_FCPS };
}
