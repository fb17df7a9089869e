// The verbs the machine needs, named for what the user wants. Each opens its own connection
// and releases it (no card handle is held while idle): shared to read, exclusive around a PIN
// operation, and the card reset on release whenever a code was presented.
//
// Errors: TransportError (card removed, card in use, service down...) or a CpsError subclass
// (WrongCodeError with tries left, CodeBlockedError, PukExhaustedError,
// CardRemovedDuringOperationError, InvalidCodeFormatError, UnexpectedCardResponseError).

import type { CardReport, CodeStatus, PracticeSituation, Readable } from './report.js';

export interface CardService {
  /** A full read. An unsupported or unknown card yields identity.supported = false. */
  read(reader: string): Promise<CardReport>;
  /** PIN and PUK counters only, spending no try. */
  readCodes(reader: string): Promise<{ readonly pin: CodeStatus; readonly puk: CodeStatus }>;
  /** Presents the PIN, then reads every practice situation. */
  readSituations(reader: string, pin: string): Promise<readonly Readable<PracticeSituation>[]>;
  unblockPin(reader: string, puk: string, newPin: string): Promise<void>;
  changePin(reader: string, currentPin: string, newPin: string): Promise<void>;
}
