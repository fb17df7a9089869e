// The CPS3's PIN sequences, as both the Cryptolib and OpenSC send them (docs/card.md §3):
//   unblock: 00 20 00 PUK <PUK>, then RESET RETRY COUNTER 00 2C 02 PIN <new PIN> (P1 02: new data only);
//   change:  CHANGE REFERENCE DATA 00 24 00 PIN <old><new>.
// Each command goes out once; the session says whether anything may have changed.

import { INS } from '../apdu/command.js';
import { SW } from '../apdu/status-words.js';
import { CodeBlockedError, PukExhaustedError, UnexpectedCardResponseError, codeFailure } from './errors.js';
import type { CodeInput, PinSequenceContext, PinSequences } from './pin-sequences.js';

const RESET = 'RESET RETRY COUNTER';
const CHANGE = 'CHANGE REFERENCE DATA';

async function unblock(c: PinSequenceContext, pukBlock: CodeInput, pinBlock: CodeInput): Promise<void> {
  await c.present('puk', c.pukRef, pukBlock, 'VERIFY PUK');
  const r = await c.write(() => c.sendCodes({ ins: INS.RESET_RETRY_COUNTER, p1: 0x02, p2: c.pinRef }, [pinBlock], RESET));
  if (r.sw === SW.OK) return;
  if (r.sw === SW.REFERENCE_DATA_INVALIDATED) throw new PukExhaustedError();
  if (r.sw === SW.AUTH_METHOD_BLOCKED) throw new CodeBlockedError('puk');
  throw new UnexpectedCardResponseError(RESET, r.sw);
}

async function change(c: PinSequenceContext, oldBlock: CodeInput, newBlock: CodeInput): Promise<void> {
  const r = await c.write(() => c.sendCodes({ ins: INS.CHANGE_REFERENCE_DATA, p1: 0x00, p2: c.pinRef }, [oldBlock, newBlock], CHANGE));
  if (r.sw !== SW.OK) throw codeFailure('pin', r.sw, CHANGE);
}

export const CPS3_SEQUENCES: PinSequences = { unblock, change };
