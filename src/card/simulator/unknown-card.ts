// A card that is no CPS (an old Schlumberger Multiflex ATR, named by pcsc-tools): it knows no
// class but 00 and no instruction at all, as a foreign card looks to the CPS commands.

import { fromHex } from '../bytes.js';
import type { ApduCard } from './apdu-card.js';
import { parseCommand, respond, SW } from './command.js';

export const UNKNOWN_CARD_ATR = fromHex('3B 02 14 50');

export class UnknownCard implements ApduCard {
  readonly atr = UNKNOWN_CARD_ATR;

  transmit(command: Uint8Array): Uint8Array {
    const cmd = parseCommand(command);
    if (!cmd) return respond(SW.WRONG_LENGTH);
    return respond(cmd.cla === 0x00 ? SW.INS_UNKNOWN : SW.CLA_UNKNOWN);
  }

  reset(): void {
    // Nothing to forget.
  }
}
