// Results of PIN operations as typed facts: the UI never reads a status word. The one mapping
// from a code's status word to these errors is here too (codeFailure). Each message is a short
// English one for developers and logs; the holder's words are the view's (src/view/failure.ts,
// errorWords), from the class and its fields.

import { SW, swHex, triesLeftFromSw } from '../apdu/status-words.js';
import type { CardModel } from './report.js';

export type CodeName = 'pin' | 'puk';

export class CpsError extends Error {
  override readonly name: string = 'CpsError';
}

/** The card refused the code; `triesLeft` more may be made (0: it is now blocked). */
export class WrongCodeError extends CpsError {
  override readonly name = 'WrongCodeError';
  constructor(
    readonly code: CodeName,
    readonly triesLeft: number,
  ) {
    super(`wrong ${code.toUpperCase()}, ${triesLeft} tries left`);
  }
}

/** The code is blocked: no try left (69 83). For the PUK this is final. */
export class CodeBlockedError extends CpsError {
  override readonly name = 'CodeBlockedError';
  constructor(readonly code: CodeName) {
    super(`${code.toUpperCase()} blocked`);
  }
}

/** The PUK has used up its lifetime unblocks (69 84): the card can never be unblocked again. */
export class PukExhaustedError extends CpsError {
  override readonly name = 'PukExhaustedError';
  constructor() {
    super('PUK exhausted: no unblock left');
  }
}

/**
 * A code that breaks the rules (digits only, as many as the card allows: codes.ts): refused
 * before any APDU. `length`: the card's rule, when known.
 */
export class InvalidCodeFormatError extends CpsError {
  override readonly name = 'InvalidCodeFormatError';
  constructor(
    readonly code: CodeName,
    readonly length?: { readonly min: number; readonly max: number },
  ) {
    super(`${code.toUpperCase()} must be ${length === undefined ? 'digits only' : `${length.min} to ${length.max} digits`}`);
  }
}

/**
 * The card left during a PIN operation. `mayHaveApplied` is true when the last command that
 * writes (RESET RETRY COUNTER, CHANGE REFERENCE DATA) was sent but its answer never came, and on
 * a CPS4 from its RESET RETRY COUNTER on (that alone gives the PIN its tries back).
 */
export class CardRemovedDuringOperationError extends CpsError {
  override readonly name = 'CardRemovedDuringOperationError';
  constructor(readonly mayHaveApplied: boolean) {
    super(mayHaveApplied ? 'card removed during the operation: it may have applied' : 'card removed during the operation: nothing changed');
  }
}

/**
 * A write (RESET RETRY COUNTER, CHANGE REFERENCE DATA; on a CPS4 anything after its RESET RETRY
 * COUNTER) went out and no definite answer came back: another program, a reset, a timeout, an
 * answer this tool does not understand, the PC/SC service gone. The code may or may not have
 * changed. `kind` is the transport's error kind, or 'card-answer' for an unexpected answer.
 */
export class WriteOutcomeUnknownError extends CpsError {
  override readonly name = 'WriteOutcomeUnknownError';
  constructor(
    readonly kind: string,
    readonly detail: string,
  ) {
    super(`write outcome unknown (${detail})`);
  }
}

/**
 * The tries left of the code about to be sent, read just before in the same exclusive
 * connection, are 1 or unknown, and the user had not confirmed a last try: nothing was sent.
 */
export class LastTryUnconfirmedError extends CpsError {
  override readonly name = 'LastTryUnconfirmedError';
  constructor(
    readonly code: CodeName,
    readonly counters: {
      readonly pin: import('./report.js').CodeStatus;
      readonly puk: import('./report.js').CodeStatus;
    },
  ) {
    super(`last ${code.toUpperCase()} try not confirmed: nothing sent`);
  }
}

/**
 * The card in the reader is not the one on screen (another serial number), or its serial number
 * could not be read again to tell (`unreadable`): nothing was sent.
 */
export class OtherCardError extends CpsError {
  override readonly name = 'OtherCardError';
  constructor(readonly unreadable = false) {
    super(unreadable ? 'serial number unreadable: nothing sent' : 'another card in the reader: nothing sent');
  }
}

/** The card's description of its codes (AODF) could not be read: nothing was sent. */
export class CodeFormatUnknownError extends CpsError {
  override readonly name = 'CodeFormatUnknownError';
  constructor(readonly reason: string) {
    super(`PIN format unreadable (${reason}): nothing sent`);
  }
}

/** The card answered something this tool does not understand (garbage, unexpected status word). */
export class UnexpectedCardResponseError extends CpsError {
  override readonly name = 'UnexpectedCardResponseError';
  constructor(
    readonly step: string,
    readonly sw?: number,
  ) {
    super(`unexpected card response (${step}${sw === undefined ? '' : `, SW ${swHex(sw)}`})`);
  }
}

/**
 * The operation is not offered on this card: 'contactless' (a CPS3 read contactless has no PIN),
 * 'unsupported' (a CPS2ter or an unknown card), 'operation' (this model does not offer it).
 */
export class NotSupportedError extends CpsError {
  override readonly name = 'NotSupportedError';
  constructor(
    readonly reason: 'contactless' | 'unsupported' | 'operation',
    readonly model: CardModel,
  ) {
    super(`not supported on this card (${reason}, ${model})`);
  }
}

/**
 * Issue 20: the reader's keypad answered itself (PC/SC part 10): the holder let its timer run
 * out, pressed cancel, typed two different new codes, a code of a length outside the card's
 * range, or the reader refused the structure; 'unavailable': the reader cannot take this code on
 * its keypad. The card never saw a code: no try was spent, nothing changed. Never "wrong code".
 */
export class KeypadError extends CpsError {
  override readonly name = 'KeypadError';
  constructor(
    readonly reason: import('./keypad.js').KeypadFailure | 'unavailable',
    readonly code: CodeName,
  ) {
    super(`reader keypad: ${reason}`);
  }
}

/** The card's answer to a command carrying a code, in the user's terms (63 Cx, 69 83, 69 84). */
export function codeFailure(code: CodeName, sw: number, step: string): CpsError {
  const left = triesLeftFromSw(sw);
  if (left !== null) return new WrongCodeError(code, left);
  if (sw === SW.AUTH_METHOD_BLOCKED) return new CodeBlockedError(code);
  if (sw === SW.REFERENCE_DATA_INVALIDATED && code === 'puk') return new PukExhaustedError();
  return new UnexpectedCardResponseError(step, sw);
}
