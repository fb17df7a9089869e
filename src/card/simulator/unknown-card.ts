// A card that is no CPS (an old Schlumberger Multiflex ATR, named by pcsc-tools): it knows no
// class but 00 and no instruction at all, as a foreign card looks to the CPS commands.

import { fromHex } from '../bytes.js';
import type { ApduCard } from './apdu-card.js';
import { parseCommand, respond, SW } from './command.js';

export const UNKNOWN_CARD_ATR = fromHex('3B 02 14 50');

/**
 * The patient's card in a surgery's two-slot reader: the ATR pcsc-tools names "Vitale 2 (french
 * health card)" (KNOWN [PCSC] smartcard_list.txt); its answers are OURS (those of any foreign card).
 */
export const VITALE_CARD_ATR = fromHex('3B 75 13 00 00 43 09 EA 90 00');

export class UnknownCard implements ApduCard {
  constructor(readonly atr: Uint8Array = UNKNOWN_CARD_ATR) {}

  transmit(command: Uint8Array): Uint8Array {
    const cmd = parseCommand(command);
    if (!cmd) return respond(SW.WRONG_LENGTH);
    return respond(cmd.cla === 0x00 ? SW.INS_UNKNOWN : SW.CLA_UNKNOWN);
  }

  reset(): void {
    // Nothing to forget.
  }
}
