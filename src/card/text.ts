// Text typed by the user, echoed back. (Text from the card is made safe by safeText,
// src/card/safe-text.ts, where it leaves the card's bytes.)

import { t } from '../i18n/index.js';

/**
 * Every run of 4 digits or more, masked: for any text that echoes what the user typed (an
 * argument, a reader name asked for), since a code typed in the wrong place must never be shown.
 */
export function maskDigits(s: string): string {
  return s.replace(/\d{4,}/g, (m) => `${'•'.repeat(Math.min(m.length, 8))} ${t('text.digitsMasked')}`);
}
