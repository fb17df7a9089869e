// Text that comes from the card, made safe to show. A card (or a certificate written onto it)
// is not trusted: a holder name or a certificate subject holding `ESC ] 52 ; …` would write to
// the clipboard of the terminal that shows it, other escapes could move the cursor or rewrite
// the screen. Every string decoded from card bytes goes through cardText() where it enters the
// report (holder data, PKCS#15 labels, certificate fields, TokenInfo, the generic TLV view), so
// that the screen, the report and the trace only ever see it stripped.

import { t } from '../i18n/index.js';

/** C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Tabs and line breaks become one space, so that words on either side stay apart. */
const SPACING = /[\t\n\r\v\f]+/g;

/** `s` with every C0, DEL and C1 control character removed (tabs and line breaks: one space). */
export function cardText(s: string): string {
  return s.replace(SPACING, ' ').replace(CONTROL, '');
}

/**
 * Every run of 4 digits or more, masked: for any text that echoes what the user typed (an
 * argument, a reader name asked for), since a code typed in the wrong place must never be shown.
 */
export function maskDigits(s: string): string {
  return s.replace(/\d{4,}/g, (m) => `${'•'.repeat(Math.min(m.length, 8))} ${t('text.digitsMasked')}`);
}
