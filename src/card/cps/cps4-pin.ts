// The CPS4's PIN sequences, as the Cryptolib sends them (docs/card.md §3; CLA 01 comes from the
// channel):
//   unblock: 20 00 PUK <PUK>, then 2C 03 (PIN|80) without data, then 24 01 PIN <new PIN>;
//   change:  20 00 PIN <old>, then 24 01 PIN <new>.
// Each command goes out once. A card that loses its applet meanwhile is reselected by the command
// channel (for the next action) but forgot what was verified: the sequence stops there, and the
// session says whether anything may have changed (from the RESET RETRY COUNTER on, it may).

import { INS } from '../apdu/command.js';
import { SW } from '../apdu/status-words.js';
import { CodeBlockedError, PukExhaustedError, UnexpectedCardResponseError, codeFailure } from './errors.js';
import type { CodeInput, PinSequenceContext, PinSequences } from './pin-sequences.js';

const RESET = 'RESET RETRY COUNTER';
const CHANGE = 'CHANGE REFERENCE DATA';

async function unblock(c: PinSequenceContext, pukBlock: CodeInput, pinBlock: CodeInput): Promise<void> {
  await c.present('puk', c.pukRef, pukBlock, 'VERIFY PUK');
  const reset = await c.write(
    () => c.channel.transmit({ cla: 0, ins: INS.RESET_RETRY_COUNTER, p1: 0x03, p2: c.pinRef | 0x80 }, RESET),
    true,
  );
  if (reset.sw === SW.REFERENCE_DATA_INVALIDATED) throw new PukExhaustedError();
  if (reset.sw === SW.AUTH_METHOD_BLOCKED) throw new CodeBlockedError('puk');
  if (reset.sw !== SW.OK) throw new UnexpectedCardResponseError(RESET, reset.sw);
  await setPin(c, pinBlock);
}

async function change(c: PinSequenceContext, oldBlock: CodeInput, newBlock: CodeInput): Promise<void> {
  await c.present('pin', c.pinRef, oldBlock, 'VERIFY PIN');
  await setPin(c, newBlock);
}

async function setPin(c: PinSequenceContext, block: CodeInput): Promise<void> {
  const r = await c.write(() => c.sendCodes({ ins: INS.CHANGE_REFERENCE_DATA, p1: 0x01, p2: c.pinRef }, [block], CHANGE));
  if (r.sw !== SW.OK) throw codeFailure('pin', r.sw, CHANGE);
}

export const CPS4_SEQUENCES: PinSequences = { unblock, change };
