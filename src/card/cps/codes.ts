// The rules a code must meet before it goes to the card (docs/card.md §3: the card decides its
// codes' lengths; never send a code its rules refuse). The length of each code comes from the
// card: its AODF PinAttributes (minLength, maxLength, else storedLength), narrowed by the CHV
// data object's sizes (7F41: 80 maximum, 81 minimum) where the card answers them. Only where the
// card says nothing do the defaults apply: PIN 4 to 8 digits, PUK 8 (ANS's Gestion CPS and the
// Cryptolib, docs/card.md §3). The machine's forms and the card layer read the same CodeLength.

import type { PinAttributes } from '../pkcs15/aodf.js';
import { InvalidCodeFormatError, type CodeName } from './errors.js';
import { SecretCode } from './secret-code.js';

/** How many digits a code may have, and where the rule comes from. */
export interface CodeLength {
  readonly min: number;
  readonly max: number;
  /** aodf: the card's AODF; aodf+chv: narrowed by the CHV object's sizes; default: the card is silent. */
  readonly source: 'aodf' | 'aodf+chv' | 'default';
}

export type CodeLengths = Readonly<Record<CodeName, CodeLength>>;

/** Where the card says nothing (docs/card.md §3): PIN 4 to 8 digits, PUK 8. */
export const DEFAULT_LENGTHS: CodeLengths = {
  pin: { min: 4, max: 8, source: 'default' },
  puk: { min: 8, max: 8, source: 'default' },
};

/** Sizes the CHV data object answers (GET DATA 7F41: 80 max, 81 min); each may be absent. */
export interface ChvSizes {
  readonly min?: number;
  readonly max?: number;
}

/** A code is at most this long, whatever a card's object says (PKCS#15 storedLength ≤ 64 bytes). */
const LONGEST = 64;

/**
 * The rule from one AODF entry: its minLength, and its maxLength, else its storedLength (in
 * digits: one per byte for ascii/utf8, PKCS#15 gives a BCD stored length in digits); then
 * narrowed by the CHV object's sizes when they agree with it. undefined when the entry gives no
 * usable range (the default then applies).
 */
export function lengthFromCard(attrs: PinAttributes | undefined, chv?: ChvSizes): CodeLength | undefined {
  if (attrs === undefined) return undefined;
  const min = Math.max(1, attrs.minLength);
  const max = attrs.maxLength !== undefined && attrs.maxLength > 0 ? attrs.maxLength : attrs.storedLength;
  if (max <= 0 || max > LONGEST || min > max) return undefined;
  if (chv === undefined || (chv.min === undefined && chv.max === undefined)) return { min, max, source: 'aodf' };
  const narrowedMin = Math.max(min, chv.min ?? min);
  const narrowedMax = Math.min(max, chv.max ?? max);
  // Two objects of the card that contradict each other: the AODF (what the Cryptolib enforces) stands.
  if (narrowedMin > narrowedMax) return { min, max, source: 'aodf' };
  return { min: narrowedMin, max: narrowedMax, source: 'aodf+chv' };
}

/** A code's rule: the card's when it gives one, else the default. */
export function codeLength(kind: CodeName, attrs: PinAttributes | undefined, chv?: ChvSizes): CodeLength {
  return lengthFromCard(attrs, chv) ?? DEFAULT_LENGTHS[kind];
}

/** "4" for a fixed length, "4–8" for a range (the simulator's help, the trace). */
export function lengthText(l: Pick<CodeLength, 'min' | 'max'>): string {
  return l.min === l.max ? String(l.min) : `${l.min}–${l.max}`;
}

export function fitsLength(n: number, l: Pick<CodeLength, 'min' | 'max'>): boolean {
  return n >= l.min && n <= l.max;
}

/** Digits only, within `length` (the card's rule; the default when not given). */
export function isValidCode(kind: CodeName, code: string | SecretCode, length: CodeLength = DEFAULT_LENGTHS[kind]): boolean {
  if (code instanceof SecretCode) return !code.wiped && fitsLength(code.length, length);
  return typeof code === 'string' && fitsLength(code.length, length) && /^\d+$/.test(code);
}

/**
 * Digits only, 1 to 64 of them: what any code is, before the card's own rule is known (the
 * card service's entry). The card's rule is checked again with the AODF (validCode).
 */
export function isDigitsCode(code: string | SecretCode): boolean {
  return isValidCode('pin', code, { min: 1, max: LONGEST, source: 'default' });
}

/** The code as a SecretCode, or InvalidCodeFormatError before anything reaches the card. */
export function validCode(kind: CodeName, code: string | SecretCode, length?: CodeLength): SecretCode {
  const rule = length ?? { min: 1, max: LONGEST, source: 'default' as const };
  if (!isValidCode(kind, code, rule)) throw new InvalidCodeFormatError(kind, length);
  return SecretCode.of(code);
}

export function assertValidCode(kind: CodeName, code: string | SecretCode, length: CodeLength = DEFAULT_LENGTHS[kind]): void {
  if (!isValidCode(kind, code, length)) throw new InvalidCodeFormatError(kind, length);
}
