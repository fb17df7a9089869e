// What a generation's PIN sequences (cps3-pin.ts, cps4-pin.ts) get from the session: the command
// channel, the references, and the two ways to send a code. The session has already checked the
// card, the format of its codes and the tries (session.ts, beforeSending); a sequence only sends,
// each command once, and turns the card's answers into the user's errors.

import type { Response } from '../apdu/protocol.js';
import type { CodeName } from './errors.js';
import type { CommandChannel } from './recovery.js';

export interface PinSequenceContext {
  readonly channel: CommandChannel;
  readonly pinRef: number;
  readonly pukRef: number;
  /** VERIFY ref <block>: resolves on 90 00, throws the user's error otherwise. */
  present(code: CodeName, ref: number, block: Uint8Array, step: string): Promise<void>;
  /**
   * Sends a command that writes. `staysChanged`: once it succeeded the card is changed even if
   * the rest never happens (the CPS4 unblock's RESET RETRY COUNTER restores the PIN's tries).
   */
  write(send: () => Promise<Response>, staysChanged?: boolean): Promise<Response>;
}

export interface PinSequences {
  /** PUK, then the new PIN (blocks built from the card's AODF). */
  unblock(c: PinSequenceContext, pukBlock: Uint8Array, pinBlock: Uint8Array): Promise<void>;
  /** Current PIN, then the new one. */
  change(c: PinSequenceContext, oldBlock: Uint8Array, newBlock: Uint8Array): Promise<void>;
}
