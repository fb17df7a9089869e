// What differs between card generations, in one place: the logical channel every command uses,
// the commands that ready the card, how the counters are read and which PIN sequences apply.
// The CPS4 works on channel 1 with its own PIN sequences and recovery (docs/card.md §3, from the
// Cryptolib); what the public record does not give (its maxima) stays unknown.

import { fromHex } from '../bytes.js';
import type { Command } from '../apdu/command.js';
import type { CardModel } from './report.js';
import type { Recovery } from './recovery.js';

export interface CardProfile {
  readonly model: CardModel;
  /** Logical channel carried in every CLA (CPS4: 1). */
  readonly channel: number;
  /** Sent once after connecting, CLA given for channel 0 (the protocol adds the channel). */
  readonly prepare: readonly Command[];
  /** 'get-data': GET DATA 3F FF then empty VERIFY as fallback; 'empty-verify' only. */
  readonly counters: 'get-data' | 'empty-verify';
  /**
   * Which PIN sequences the session sends; null: none (no PIN on this interface).
   * cps3: unblock 20 (PUK), 2C 02 PIN <new>; change 24 00 PIN <old><new>.
   * cps4: unblock 20 (PUK), 2C 03 PIN|80, 24 01 PIN <new>; change 20 (PIN), 24 01 PIN <new>.
   */
  readonly pinSequences: 'cps3' | 'cps4' | null;
  /** Maximum tries when the card does not tell them (docs/card.md §3 table; null: unknown). */
  readonly maxTries: { readonly pin: number | null; readonly puk: number | null };
  /** Default references when the AODF does not give them (docs/card.md §3, inferred from traces). */
  readonly references: { readonly pin: number; readonly puk: number };
  /** The PKCS#15 application of this interface (contact or contactless). */
  readonly applicationAid: Uint8Array;
  /** Its DF path from the MF (docs/card.md §2, KNOWN): its ODF is read there first, EF.DIR checked after the first screen. */
  readonly applicationPath: Uint8Array;
  /**
   * EF.SN.ICC's short identifier, to read it in one READ BINARY from the MF (null: by path only).
   * CPS3: 1C, from the FCP of a real card (`88 01 E0`, docs/card.md §2.1); read by path when the
   * card refuses it or gives something else.
   */
  readonly snIccSfi: number | null;
  /** What to do when the card seems to have lost its applet (null: nothing). */
  readonly recovery: Recovery | null;
}

const CONTACT_AID = fromHex('E828BD080F8025000001FF0010');
const CONTACTLESS_AID = fromHex('E828BD080F8025000001FF0020');

export const CPS3_PROFILE: CardProfile = {
  model: 'CPS3',
  channel: 0,
  prepare: [],
  counters: 'get-data',
  pinSequences: 'cps3',
  maxTries: { pin: 3, puk: 10 },
  references: { pin: 0x01, puk: 0x02 },
  applicationAid: CONTACT_AID,
  applicationPath: fromHex('3F000001'),
  snIccSfi: 0x1c,
  // After 6E 00 or 6A 86: SELECT the ECC root 80 25 00 00 01 FF 01 00, resend once [CL].
  recovery: {
    onSw: [0x6e00, 0x6a86],
    commands: [{ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: fromHex('8025000001FF0100') }],
  },
};

export const CPS3_CONTACTLESS_PROFILE: CardProfile = {
  ...CPS3_PROFILE,
  model: 'CPS3 sans contact',
  pinSequences: null,
  applicationAid: CONTACTLESS_AID,
  applicationPath: fromHex('3F000002'),
};

export const CPS4_PROFILE: CardProfile = {
  model: 'CPS4',
  channel: 1,
  // Select the ChipDoc applet on channel 1 [CL card-cps4.c]: 01 A4 04 0C 08 80 25 00 00 01 FF 01 00.
  prepare: [{ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: fromHex('80250000 01FF0100') }],
  counters: 'empty-verify',
  pinSequences: 'cps4',
  // UNKNOWN on a CPS4 (docs/card.md §3): the Cryptolib hard-codes 3 PIN tries, but the card never says.
  maxTries: { pin: null, puk: null },
  // UNKNOWN too; used only when the AODF gives none.
  references: { pin: 0x01, puk: 0x02 },
  applicationAid: CONTACT_AID,
  applicationPath: fromHex('3F000001'),
  snIccSfi: null,
  // 69 85 or 68 81: the applet (or channel 1) is lost. The Cryptolib reselects the card manager
  // on channel 1, the CPS2ter applet on channel 0, then the ChipDoc applet on channel 1 [CL].
  recovery: {
    onSw: [0x6985, 0x6881],
    commands: [
      { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: fromHex('A0000001510000') },
      { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: fromHex('8025000001FF0002'), channel: 0 },
      { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: fromHex('8025000001FF0100') },
    ],
  },
};

export function profileFor(model: CardModel): CardProfile | null {
  switch (model) {
    case 'CPS3':
      return CPS3_PROFILE;
    case 'CPS3 sans contact':
      return CPS3_CONTACTLESS_PROFILE;
    case 'CPS4':
      return CPS4_PROFILE;
    default:
      return null;
  }
}
