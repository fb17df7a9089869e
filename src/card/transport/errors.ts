// Transport failures as typed facts. Every PC/SC error code maps to one of these kinds
// (src/card/transport/pcsc-errors.ts); the in-process transport raises the same ones. The message
// is a short English one for developers and logs; the holder's words are the view's
// (src/view/failure.ts, from the kind).

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
    /** 'binding-missing': libpcsclite or the pcsclite module is absent (`detail`: the loader's words). */
    readonly fact?: { readonly reason: 'binding-missing'; readonly detail: string },
  ) {
    super(message);
  }
}

export function isTransportError(e: unknown, kind?: TransportErrorKind): e is TransportError {
  return e instanceof TransportError && (kind === undefined || e.kind === kind);
}
