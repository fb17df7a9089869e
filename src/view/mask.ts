// Digits masked in what the user typed, said in words: "•••••••• (chiffres masqués)".

import { maskDigitRuns } from '../card/text.js';
import { t } from '../i18n/index.js';

/** Every run of 4 digits or more, masked, with the words that say so. */
export function maskDigits(s: string): string {
  return saidMasked(maskDigitRuns(s));
}

/** Bullets already put by the card layer (maskDigitRuns), followed by the words that say so. */
export function saidMasked(masked: string): string {
  return masked.replace(/•{4,8}/g, (m) => `${m} ${t('text.digitsMasked')}`);
}
