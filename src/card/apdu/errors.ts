// An APDU that ended in a status word the caller did not accept, or an answer that is not one.
// Typed facts with short English messages (the holder's words: src/view/failure.ts, errorWords).

import { describeSw } from './status-words.js';

export class ApduError extends Error {
  override readonly name = 'ApduError';
  constructor(
    readonly sw: number,
    /** What was being done ("SELECT 3F00 2F00"), never command data. */
    readonly step: string,
  ) {
    super(`${step}: ${describeSw(sw)}`);
  }
}

/** What was wrong with an answer: fewer than the two status bytes (`n` bytes), or a 61xx chain that does not end. */
export type Malformation = { readonly reason: 'too-short'; readonly n: number } | { readonly reason: 'endless-chain' };

/** The card answered fewer than the two status bytes, or a chain that does not end. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
  constructor(
    readonly step: string,
    readonly malformation: Malformation,
  ) {
    super(`${step}: malformed answer (${malformation.reason === 'too-short' ? `${malformation.n} bytes` : 'endless 61xx chaining'})`);
  }
}
