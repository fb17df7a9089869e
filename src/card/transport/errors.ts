// Transport failures in the user's terms. Every PC/SC error code maps to one of these kinds
// (src/card/transport/pcsc-errors.ts); the in-process transport raises the same ones.

export type TransportErrorKind =
  | 'service-unavailable' // pcscd not running or not reachable
  | 'access-refused' // polkit (pcscd 2.x) refused this user, typically over SSH
  | 'no-reader' // the named reader is not there (or no reader at all)
  | 'card-removed' // no card, or the card left during the exchange
  | 'reader-removed' // the reader was unplugged
  | 'card-in-use' // another program holds the card exclusively
  | 'timeout'
  | 'card-unresponsive' // the card does not answer (mute, wrong protocol)
  | 'unknown';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    /** The raw PC/SC code where there was one, for support reports. */
    readonly code?: number,
  ) {
    super(message);
  }
}

export function isTransportError(e: unknown, kind?: TransportErrorKind): e is TransportError {
  return e instanceof TransportError && (kind === undefined || e.kind === kind);
}
