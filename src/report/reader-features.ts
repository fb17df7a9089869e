// Issue 20: what the reader said of itself (PC/SC part 10), in words, for the text report, the
// card screen's reader section and `diagnose`. Computed once here from the card report's
// `readerFeatures`; the JSON carries the numbers as they are.

import type { ReaderFeatures } from '../card/transport/part10.js';
import { t } from '../i18n/index.js';
import { safeText } from '../card/safe-text.js';

export interface FeatureField {
  readonly label: string;
  readonly value: string;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** The keypad in a few words: verify and change, verify only, or none. */
export function keypadText(f: ReaderFeatures | undefined): string {
  if (f?.verifyPinDirect === undefined) return t('reader.keypad.none');
  return f.modifyPinDirect !== undefined ? t('reader.keypad.verifyModify') : t('reader.keypad.verifyOnly');
}

/** One field per fact the reader gave; nothing when it was not asked. */
export function readerFeatureFields(f: ReaderFeatures | undefined): FeatureField[] {
  if (!f) return [];
  const out: FeatureField[] = [{ label: t('field.readerKeypad'), value: keypadText(f) }];
  if (f.minPinSize !== undefined && f.maxPinSize !== undefined && f.maxPinSize > 0) {
    out.push({ label: t('field.readerPinSizes'), value: t('reader.pinSizes', { min: f.minPinSize, max: f.maxPinSize }) });
  }
  if (f.vendorId !== undefined && f.productId !== undefined) {
    out.push({ label: t('field.readerUsbIds'), value: `${hex4(f.vendorId)}:${hex4(f.productId)}` });
  }
  if (f.firmware) out.push({ label: t('field.readerFirmware'), value: safeText(f.firmware) });
  if (f.maxApduDataSize !== undefined) {
    out.push({
      label: t('field.readerApdu'),
      value: f.maxApduDataSize === 0 ? t('reader.apdu.short') : t('reader.apdu.bytes', { n: f.maxApduDataSize }),
    });
  }
  return out;
}

/** The same on one line (diagnose). */
export function readerFeatureSummary(f: ReaderFeatures | undefined): string {
  return readerFeatureFields(f)
    .map((x) => `${x.label} : ${x.value}`)
    .join(t('list.separator'));
}
