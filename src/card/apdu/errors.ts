// An APDU that ended in a status word the caller did not accept.

import { t } from '../../i18n/index.js';
import { describeSw } from './status-words.js';

export class ApduError extends Error {
  override readonly name = 'ApduError';
  constructor(
    readonly sw: number,
    /** What was being done ("SELECT 3F00 2F00"), never command data. */
    readonly step: string,
  ) {
    super(`${step} : ${describeSw(sw)}`);
  }
}

/** The card answered fewer than the two status bytes, or a chain that does not end. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(t('card.apdu.malformed', { step, detail }));
  }
}
