// The CPS4's PIN sequences, as the Cryptolib sends them (spec §3; CLA 01 comes from the channel):
//   unblock: 20 00 PUK <PUK>, then 2C 03 (PIN|80) without data, then 24 01 PIN <new PIN>;
//   change:  20 00 PIN <old>, then 24 01 PIN <new>.
// A lost applet is reselected by the command channel, but the card then forgot what was
// verified and answers 69 82 to the resent command: the sequence starts again once, from its
// VERIFY (a code the card just accepted costs nothing), skipping a RESET RETRY COUNTER that
// already passed, so that no second lifetime unblock is spent.

import type { Response } from '../apdu/protocol.js';
import { SW } from '../apdu/status-words.js';
import { CodeBlockedError, PukExhaustedError, UnexpectedCardResponseError, type CodeName } from './errors.js';
import type { CommandChannel } from './recovery.js';
import { codeFailure } from './session.js';

export interface Cps4PinContext {
  readonly channel: CommandChannel;
  readonly pinRef: number;
  readonly pukRef: number;
  /** VERIFY ref <block>: resolves on 90 00, throws the user's error otherwise. */
  present(code: CodeName, ref: number, block: Uint8Array, step: string): Promise<void>;
  /**
   * Sends a command that writes. `staysChanged`: once it succeeded the card is changed even if
   * the rest never happens (the unblock's RESET RETRY COUNTER restores the PIN's tries).
   */
  write(send: () => Promise<Response>, staysChanged?: boolean): Promise<Response>;
}

const RESET = 'RESET RETRY COUNTER';
const CHANGE = 'CHANGE REFERENCE DATA';

/** The 69 82 of a command resent after a recovery: the card forgot the VERIFY before it. */
function forgotten(c: Cps4PinContext, r: Response, recoveriesBefore: number): boolean {
  return r.sw === SW.SECURITY_STATUS_NOT_SATISFIED && c.channel.recoveries > recoveriesBefore;
}

export async function cps4Unblock(c: Cps4PinContext, pukBlock: Uint8Array, pinBlock: Uint8Array): Promise<void> {
  let reset = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = c.channel.recoveries;
    await c.present('puk', c.pukRef, pukBlock, 'VERIFY PUK');
    if (!reset) {
      const r = await c.write(() => c.channel.transmit({ cla: 0, ins: 0x2c, p1: 0x03, p2: c.pinRef | 0x80 }, RESET), true);
      if (forgotten(c, r, before)) continue;
      if (r.sw === SW.REFERENCE_DATA_INVALIDATED) throw new PukExhaustedError();
      if (r.sw === SW.AUTH_METHOD_BLOCKED) throw new CodeBlockedError('puk');
      if (r.sw !== SW.OK) throw new UnexpectedCardResponseError(RESET, r.sw);
      reset = true;
    }
    const r = await c.write(() => c.channel.transmit({ cla: 0, ins: 0x24, p1: 0x01, p2: c.pinRef, data: pinBlock }, CHANGE));
    if (r.sw === SW.OK) return;
    if (forgotten(c, r, before)) continue;
    throw codeFailure('pin', r.sw, CHANGE);
  }
  throw new UnexpectedCardResponseError(`${CHANGE} (la carte a perdu son application deux fois)`, SW.SECURITY_STATUS_NOT_SATISFIED);
}

export async function cps4Change(c: Cps4PinContext, oldBlock: Uint8Array, newBlock: Uint8Array): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = c.channel.recoveries;
    await c.present('pin', c.pinRef, oldBlock, 'VERIFY PIN');
    const r = await c.write(() => c.channel.transmit({ cla: 0, ins: 0x24, p1: 0x01, p2: c.pinRef, data: newBlock }, CHANGE));
    if (r.sw === SW.OK) return;
    if (forgotten(c, r, before)) continue;
    throw codeFailure('pin', r.sw, CHANGE);
  }
  throw new UnexpectedCardResponseError(`${CHANGE} (la carte a perdu son application deux fois)`, SW.SECURITY_STATUS_NOT_SATISFIED);
}
