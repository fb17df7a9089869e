// What a generation's PIN sequences (cps3-pin.ts, cps4-pin.ts) get from the session: the command
// channel, the references, and the two ways to send a code. The session has already checked the
// card, the format of its codes and the tries (session.ts, beforeSending); a sequence only sends,
// each command once, and turns the card's answers into the user's errors.

import type { Response } from '../apdu/protocol.js';
import type { CodeName } from './errors.js';
import type { KeypadInput } from './keypad.js';
import type { CommandChannel } from './recovery.js';

/** A code block built from the keyboard's digits, or a code the reader asks on its keypad (issue 20). */
export type CodeInput = Uint8Array | KeypadInput;

/** The header of a command carrying codes; the channel's class byte is added when sent. */
export interface CodeCommand {
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
}

export interface PinSequenceContext {
  readonly channel: CommandChannel;
  readonly pinRef: number;
  readonly pukRef: number;
  /** VERIFY ref <block>: resolves on 90 00, throws the user's error otherwise. */
  present(code: CodeName, ref: number, input: CodeInput, step: string): Promise<void>;
  /**
   * CHANGE REFERENCE DATA or RESET RETRY COUNTER carrying `inputs`, sent once: the blocks one
   * after the other, or built by the reader from its keypad. Returns the card's answer; the
   * reader's own answers (64 xx, 6B 80) throw KeypadError.
   */
  sendCodes(command: CodeCommand, inputs: readonly CodeInput[], step: string): Promise<Response>;
  /**
   * Sends a command that writes. `staysChanged`: once it succeeded the card is changed even if
   * the rest never happens (the CPS4 unblock's RESET RETRY COUNTER restores the PIN's tries).
   */
  write(send: () => Promise<Response>, staysChanged?: boolean): Promise<Response>;
}

export interface PinSequences {
  /** PUK, then the new PIN (blocks built from the card's AODF). */
  unblock(c: PinSequenceContext, pukBlock: CodeInput, pinBlock: CodeInput): Promise<void>;
  /** Current PIN, then the new one. */
  change(c: PinSequenceContext, oldBlock: CodeInput, newBlock: CodeInput): Promise<void>;
}
