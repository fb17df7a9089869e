// Codes typed on the reader's keypad (PC/SC v2 part 10, FEATURE_VERIFY_PIN_DIRECT and
// FEATURE_MODIFY_PIN_DIRECT): the structure that tells the reader how to build the command from
// the keys, made from the card's own AODF PinAttributes (as the blocks typed on the keyboard are,
// pin-block.ts), and the reader's own answers, which are never the card's.
//
// The reader builds the command: the code never reaches this process. The template carries only
// the header, Lc and the padding bytes.

import type { PinAttributes } from '../pkcs15/aodf.js';
import { DEFAULT_LENGTHS } from './codes.js';
import type { CodeName } from './errors.js';
import { PinFormatError } from './pin-block.js';

/** A code the holder types on the reader's keypad instead of the keyboard. */
export interface OnKeypad {
  readonly onKeypad: true;
}

export const ON_KEYPAD: OnKeypad = Object.freeze({ onKeypad: true });

export function isOnKeypad(code: unknown): code is OnKeypad {
  return typeof code === 'object' && code !== null && (code as Partial<OnKeypad>).onKeypad === true;
}

/** How one code goes into the command the reader builds (from the card's AODF). */
export interface KeypadRules {
  /** bmFormatString bits 1-0: 1 BCD, 2 ASCII. */
  readonly format: 1 | 2;
  /** The code's block in bytes, filled with padChar in the template; 0: no padding, the reader sets Lc. */
  readonly block: number;
  readonly padChar: number;
  /** Digits the card accepts (wPINMaxExtraDigit). */
  readonly min: number;
  readonly max: number;
}

/** A code the reader will ask on its keypad, with the rules of its block. */
export interface KeypadInput {
  readonly keypad: KeypadRules;
}

export function isKeypadInput(input: unknown): input is KeypadInput {
  return typeof input === 'object' && input !== null && 'keypad' in input;
}

/**
 * The rules for `code` from its AODF attributes. Lengths: the card's minLength and maxLength;
 * where the card gives no maximum, the padded block's size, else the default of docs/card.md §3.
 */
export function keypadRules(code: CodeName, attrs: PinAttributes): KeypadRules {
  let format: 1 | 2;
  switch (attrs.type) {
    case 'ascii-numeric':
    case 'utf8':
      format = 2;
      break;
    case 'bcd':
      format = 1;
      break;
    default:
      throw new PinFormatError(`PIN type ${attrs.type} not supported`);
  }
  const padded = attrs.flags.has('needs-padding');
  const block = padded ? (format === 2 ? attrs.storedLength : attrs.storedLength >> 1) : 0;
  if (block > 15) throw new PinFormatError('PIN longer than its block');
  const digitsInBlock = format === 2 ? block : block * 2;
  const max =
    attrs.maxLength !== undefined && attrs.maxLength > 0
      ? attrs.maxLength
      : padded
        ? digitsInBlock
        : code === 'pin'
          ? 8
          : DEFAULT_LENGTHS.puk.max;
  const min = Math.max(1, attrs.minLength);
  if (min > max || max > 15 || (padded && max > digitsInBlock)) throw new PinFormatError('PIN longer than its block');
  return { format, block, padChar: attrs.padChar ?? 0x00, min, max };
}

/** The digits each code takes on the keypad, as the structures will tell the reader. */
export interface KeypadLengths {
  readonly pin: { readonly min: number; readonly max: number };
  readonly puk: { readonly min: number; readonly max: number };
}

/** From the card's AODF entries (a PUK without its own is 8 digits); undefined when a format cannot go to a keypad. */
export function keypadLengths(pin: PinAttributes, puk: PinAttributes | undefined): KeypadLengths | undefined {
  try {
    const p = keypadRules('pin', pin);
    const k = puk ? keypadRules('puk', puk) : { min: DEFAULT_LENGTHS.puk.max, max: DEFAULT_LENGTHS.puk.max };
    return { pin: { min: p.min, max: p.max }, puk: { min: k.min, max: k.max } };
  } catch {
    return undefined;
  }
}

export interface ApduHeader {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
}

export interface KeypadOptions {
  /** bTimerOut: seconds the reader waits for the keys. */
  readonly timeoutS: number;
  /** wLangId of the reader's messages (0x040C French, 0x0409 English). */
  readonly langId: number;
}

const bmFormatString = (r: KeypadRules, position: number) => 0x80 | ((position & 0x0f) << 3) | r.format;
const bmPINBlockString = (r: KeypadRules) => r.block & 0x0f;
const ENTRY_OK_KEY = 0x02;

function template(head: ApduHeader, blocks: readonly KeypadRules[]): number[] {
  const body: number[] = [];
  for (const r of blocks) for (let i = 0; i < r.block; i++) body.push(r.padChar);
  return [head.cla, head.ins, head.p1, head.p2, body.length, ...body];
}

const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];

/** PIN_VERIFY_STRUCTURE: one code on the keypad, validated by the OK key. */
export function verifyStructure(head: ApduHeader, r: KeypadRules, o: KeypadOptions): { structure: Uint8Array; template: Uint8Array } {
  const apdu = template(head, [r]);
  const s = [
    o.timeoutS,
    0, // bTimerOut2: the reader's default
    bmFormatString(r, 0),
    bmPINBlockString(r),
    0x00, // bmPINLengthFormat: no length in the command
    ...le16((r.min << 8) | r.max),
    ENTRY_OK_KEY,
    0x01, // bNumberMessage
    ...le16(o.langId),
    0x00, // bMsgIndex
    0,
    0,
    0, // bTeoPrologue
    ...le32(apdu.length),
    ...apdu,
  ];
  return { structure: Uint8Array.from(s), template: Uint8Array.from(apdu) };
}

/**
 * PIN_MODIFY_STRUCTURE: the new code typed twice (bConfirmPIN bit 0), after the current one when
 * `current` is given (bit 1). Both codes share the card's rules for the PIN.
 */
export function modifyStructure(
  head: ApduHeader,
  r: KeypadRules,
  withCurrent: boolean,
  o: KeypadOptions,
): { structure: Uint8Array; template: Uint8Array } {
  // Two codes without a fixed block cannot be placed one after the other.
  if (withCurrent && r.block === 0) throw new PinFormatError('a change on the keypad needs PINs of a fixed block');
  const apdu = template(head, withCurrent ? [r, r] : [r]);
  const s = [
    o.timeoutS,
    0,
    bmFormatString(r, 0),
    bmPINBlockString(r),
    0x00,
    0x00, // bInsertionOffsetOld
    withCurrent ? r.block : 0, // bInsertionOffsetNew
    ...le16((r.min << 8) | r.max),
    withCurrent ? 0x03 : 0x01, // bConfirmPIN
    ENTRY_OK_KEY,
    withCurrent ? 0x03 : 0x02, // bNumberMessage
    ...le16(o.langId),
    0x00,
    0x01,
    0x02, // bMsgIndex1..3
    0,
    0,
    0,
    ...le32(apdu.length),
    ...apdu,
  ];
  return { structure: Uint8Array.from(s), template: Uint8Array.from(apdu) };
}

/** What the reader itself answers (part 10): the card never saw a code. */
export type KeypadFailure = 'timeout' | 'cancelled' | 'mismatch' | 'length' | 'refused';

export function readerAnswer(sw: number): KeypadFailure | null {
  switch (sw) {
    case 0x6400:
      return 'timeout';
    case 0x6401:
      return 'cancelled';
    case 0x6402:
      return 'mismatch';
    case 0x6403:
      return 'length';
    case 0x6b80:
      return 'refused';
    default:
      return null;
  }
}
