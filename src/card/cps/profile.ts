// What differs between card generations, in one place: the logical channel every command uses,
// the commands that ready the card, how the counters are read and which PIN sequences apply.
// A CPS4 profile is listed so the session already works on channel 1; its PIN sequences are a
// later issue (spec §3), so its PIN operations are refused rather than guessed.

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
  /** Which PIN sequences the session may send; null: not offered yet. */
  readonly pinSequences: 'cps3' | null;
  /** Maximum tries when the card does not tell them (spec §3 table; null: unknown). */
  readonly maxTries: { readonly pin: number | null; readonly puk: number | null };
  /** Default references when the AODF does not give them (spec §3, inferred from traces). */
  readonly references: { readonly pin: number; readonly puk: number };
  /** The PKCS#15 application of this interface (contact or contactless). */
  readonly applicationAid: Uint8Array;
  /** Its DF path from the MF, used only when EF.DIR cannot be read (spec §2, KNOWN). */
  readonly applicationPath: Uint8Array;
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
  pinSequences: null,
  maxTries: { pin: null, puk: null },
  references: { pin: 0x01, puk: 0x02 },
  applicationAid: CONTACT_AID,
  applicationPath: fromHex('3F000001'),
  // The CPS4 recovery (69 85: reselect on channels 1 and 0, spec §3) comes with its PIN sequences.
  recovery: null,
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
