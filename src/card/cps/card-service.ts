// The verbs the machine needs, named for what the user wants. Each opens its own connection
// and releases it (no card handle is held while idle): shared to read, exclusive around a PIN
// operation, and the card reset on release whenever a code was presented.
//
// Errors: TransportError (card removed, card in use, service down...) or a CpsError subclass
// (WrongCodeError with tries left, CodeBlockedError, PukExhaustedError,
// CardRemovedDuringOperationError, WriteOutcomeUnknownError, LastTryUnconfirmedError,
// OtherCardError, CodeFormatUnknownError, InvalidCodeFormatError, UnexpectedCardResponseError).
// A code goes to the card at most once per call: nothing is ever resent.

import type { CardReport, CodeStatus, PracticeSituation, Readable } from './report.js';
import type { SecretCode } from './secret-code.js';

/** A code: a SecretCode from the machine, text (tests, scripts), or ON_KEYPAD: typed on the reader (issue 20). */
export type Code = string | SecretCode | import('./keypad.js').OnKeypad;

/**
 * What the user saw and agreed to, checked inside the exclusive connection before any code goes
 * out (nothing is sent when a check fails):
 * - expectedSerial: the serial number of the card on screen (null: it was unreadable there);
 *   another card in the reader gets OtherCardError. Absent: not checked.
 * - lastTryConfirmed: the user confirmed sending the code on its last try. Without it, a code
 *   whose fresh count is 1 or unknown is not sent (LastTryUnconfirmedError, with the counters).
 */
export interface CodeOperation {
  readonly expectedSerial?: string | null;
  readonly lastTryConfirmed?: boolean;
}

export interface CardService {
  /**
   * A full read, in one connection. An unsupported or unknown card yields identity.supported =
   * false. `onFirst` gets the first screen's part (reader, card, holder, PIN and PUK; no
   * certificate) as soon as it is read, before the certificates; it is not called when that part
   * needs the certificates (a holder known only from them). The verbs of one reader run one
   * after the other: an operation asked for during a read starts once the read is over.
   */
  read(reader: string, onFirst?: (partial: CardReport) => void): Promise<CardReport>;
  /** PIN and PUK counters only, spending no try. */
  readCodes(reader: string): Promise<{ readonly pin: CodeStatus; readonly puk: CodeStatus }>;
  /** Presents the PIN, then reads every practice situation. */
  readSituations(reader: string, pin: Code, op?: CodeOperation): Promise<readonly Readable<PracticeSituation>[]>;
  unblockPin(reader: string, puk: Code, newPin: Code, op?: CodeOperation): Promise<void>;
  changePin(reader: string, currentPin: Code, newPin: Code, op?: CodeOperation): Promise<void>;
}
