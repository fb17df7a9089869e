// Every PC/SC return code the tool can meet, mapped to a TransportError kind and a short English
// message for developers, in one table (the holder's words: src/view/failure.ts, from the kind). The node binding reports failures as Error objects whose
// message ends with the code, e.g. "SCardConnect error: Card was removed.(0x80100069)".

import { TransportError, type TransportErrorKind } from './errors.js';

export const SCARD = {
  F_INTERNAL_ERROR: 0x80100001,
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_INVALID_PARAMETER: 0x80100004,
  E_NO_MEMORY: 0x80100006,
  E_INSUFFICIENT_BUFFER: 0x80100008,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_PROTO_MISMATCH: 0x8010000f,
  E_NOT_READY: 0x80100010,
  E_NOT_TRANSACTED: 0x80100016,
  E_SYSTEM_CANCELLED: 0x80100012,
  F_COMM_ERROR: 0x80100013,
  F_UNKNOWN_ERROR: 0x80100014,
  E_READER_UNAVAILABLE: 0x80100017,
  P_SHUTDOWN: 0x80100018,
  E_CARD_UNSUPPORTED: 0x8010001c,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_UNEXPECTED: 0x8010001f,
  E_NO_ACCESS: 0x80100027,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  E_COMM_DATA_LOST: 0x8010002f,
  E_SERVER_TOO_BUSY: 0x80100031,
  W_UNSUPPORTED_CARD: 0x80100065,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
  W_SECURITY_VIOLATION: 0x8010006a,
} as const;

interface Entry {
  readonly kind: TransportErrorKind;
  /** A short English message for developers and logs (the holder's words come from the kind). */
  readonly message: string;
}

const TABLE: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [SCARD.E_NO_SERVICE, { kind: 'service-unavailable', message: 'PC/SC service unavailable' }],
  [SCARD.E_SERVICE_STOPPED, { kind: 'service-unavailable', message: 'PC/SC service unavailable' }],
  [SCARD.F_COMM_ERROR, { kind: 'service-unavailable', message: 'PC/SC service unavailable' }],
  [SCARD.E_INVALID_HANDLE, { kind: 'service-unavailable', message: 'PC/SC service unavailable' }],
  [SCARD.P_SHUTDOWN, { kind: 'service-unavailable', message: 'PC/SC service unavailable' }],
  [SCARD.E_SYSTEM_CANCELLED, { kind: 'service-unavailable', message: 'PC/SC service unavailable' }],
  [SCARD.E_SERVER_TOO_BUSY, { kind: 'service-unavailable', message: 'PC/SC service too busy' }],
  [SCARD.E_NO_ACCESS, { kind: 'access-refused', message: 'PC/SC access refused' }],
  [SCARD.W_SECURITY_VIOLATION, { kind: 'access-refused', message: 'PC/SC access refused' }],
  [SCARD.E_NO_READERS_AVAILABLE, { kind: 'no-reader', message: 'no reader' }],
  [SCARD.E_UNKNOWN_READER, { kind: 'no-reader', message: 'no reader' }],
  [SCARD.E_READER_UNAVAILABLE, { kind: 'reader-removed', message: 'reader unavailable' }],
  [SCARD.E_NOT_READY, { kind: 'reader-removed', message: 'reader unavailable' }],
  [SCARD.W_REMOVED_CARD, { kind: 'card-removed', message: 'card removed or not inserted' }],
  [SCARD.E_NO_SMARTCARD, { kind: 'card-removed', message: 'card removed or not inserted' }],
  [SCARD.W_UNPOWERED_CARD, { kind: 'card-removed', message: 'card removed or not inserted' }],
  [SCARD.E_SHARING_VIOLATION, { kind: 'card-in-use', message: 'card in use by another program' }],
  // Another program reset the card under us (only possible in shared mode): same remedy.
  [SCARD.W_RESET_CARD, { kind: 'card-in-use', message: 'card in use by another program' }],
  [SCARD.E_TIMEOUT, { kind: 'timeout', message: 'reader timed out' }],
  [SCARD.W_UNRESPONSIVE_CARD, { kind: 'card-unresponsive', message: 'card unresponsive' }],
  [SCARD.W_UNSUPPORTED_CARD, { kind: 'card-unresponsive', message: 'card unresponsive' }],
  [SCARD.E_PROTO_MISMATCH, { kind: 'card-unresponsive', message: 'card unresponsive' }],
  [SCARD.E_CARD_UNSUPPORTED, { kind: 'card-unresponsive', message: 'card unresponsive' }],
  [SCARD.E_COMM_DATA_LOST, { kind: 'card-unresponsive', message: 'card unresponsive' }],
  // The reader driver lost the exchange (pcsc-lite's IFD_COMMUNICATION_ERROR), which is what a
  // card pulled in the middle of an APDU gives (vpcd, and CCID readers too). Reported as a
  // removal so that the card layer tells the honest "the change may or may not have applied".
  [SCARD.E_NOT_TRANSACTED, { kind: 'card-removed', message: 'exchange with the card interrupted' }],
]);

/** The PC/SC code carried by a binding error ("…(0x80100069)"), if any. */
export function pcscCode(error: unknown): number | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const m = /\(0x([0-9a-fA-F]{1,8})\)\s*$/.exec(text) ?? /0x(8010[0-9a-fA-F]{4})/.exec(text);
  return m?.[1] === undefined ? undefined : parseInt(m[1], 16);
}

export function fromPcscCode(code: number): TransportError {
  const entry = TABLE.get(code);
  const hexCode = `0x${code.toString(16).toUpperCase().padStart(8, '0')}`;
  if (entry) return new TransportError(entry.kind, entry.message, code);
  return new TransportError('unknown', `unexpected PC/SC return value ${hexCode}`, code);
}

/** Any failure from the binding, as a TransportError (already-mapped errors pass through). */
export function toTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const code = pcscCode(error);
  if (code !== undefined) return fromPcscCode(code);
  const text = error instanceof Error ? error.message : String(error);
  if (/not connected/i.test(text)) return new TransportError('card-removed', 'card removed or not inserted');
  return new TransportError('unknown', `unexpected PC/SC error: ${text}`);
}

/** The exchange with the card broke off: treated as a removal (the card may have run the command). */
export function interrupted(): TransportError {
  return new TransportError('card-removed', 'exchange with the card interrupted', SCARD.E_NOT_TRANSACTED);
}

/** The binding or libpcsclite is missing (what to install: the view's `pcscInstallRemedy`). */
export function bindingMissingError(detail: string): TransportError {
  return new TransportError('service-unavailable', `PC/SC library or module missing: ${detail}`, undefined, {
    reason: 'binding-missing',
    detail,
  });
}
