// PC/SC v2 part 10: what a reader says of itself through SCardControl. The reader is asked,
// never guessed: CM_IOCTL_GET_FEATURE_REQUEST (SCARD_CTL_CODE(3400)) lists the features it has,
// each with the control code to use; FEATURE_GET_TLV_PROPERTIES and FEATURE_IFD_PIN_PROPERTIES
// give its PIN sizes, ids and timeouts where it tells them. A reader that does not answer has no
// feature: it is used as a reader without a keypad.

import type { CardConnection } from './transport.js';

/** pcsc-lite's SCARD_CTL_CODE on Linux and macOS. */
export const scardCtlCode = (code: number): number => 0x42000000 + code;
export const CM_IOCTL_GET_FEATURE_REQUEST = scardCtlCode(3400);

export const FEATURE = {
  VERIFY_PIN_DIRECT: 0x06,
  MODIFY_PIN_DIRECT: 0x07,
  IFD_PIN_PROPERTIES: 0x0a,
  GET_TLV_PROPERTIES: 0x12,
} as const;

const PROPERTY = {
  wLcdLayout: 1,
  bEntryValidationCondition: 2,
  bTimeOut2: 3,
  bMinPINSize: 6,
  bMaxPINSize: 7,
  sFirmwareID: 8,
  dwMaxAPDUDataSize: 10,
  wIdVendor: 11,
  wIdProduct: 12,
} as const;

export interface ReaderFeatures {
  /** Control code of FEATURE_VERIFY_PIN_DIRECT: the reader verifies a PIN typed on its keypad. */
  readonly verifyPinDirect?: number;
  /** Control code of FEATURE_MODIFY_PIN_DIRECT: it builds a change (or reset) with codes from its keypad. */
  readonly modifyPinDirect?: number;
  /** PIN sizes the reader accepts (bMinPINSize, bMaxPINSize). */
  readonly minPinSize?: number;
  readonly maxPinSize?: number;
  /** bEntryValidationCondition: 1 max size reached, 2 the OK key, 4 a timeout. */
  readonly entryValidation?: number;
  /** wLcdLayout: 0 when the reader has no display. */
  readonly lcdLayout?: number;
  readonly vendorId?: number;
  readonly productId?: number;
  /** sFirmwareID, stripped of control characters. */
  readonly firmware?: string;
  /** dwMaxAPDUDataSize: 0 = short APDUs only. */
  readonly maxApduDataSize?: number;
}

/** The feature list: tag → control code (4 bytes, big-endian). Malformed entries end the list. */
export function parseFeatureList(bytes: Uint8Array): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i + 2 <= bytes.length;) {
    const tag = bytes[i]!;
    const len = bytes[i + 1]!;
    if (len !== 4 || i + 2 + len > bytes.length) break;
    out.set(tag, ((bytes[i + 2]! << 24) | (bytes[i + 3]! << 16) | (bytes[i + 4]! << 8) | bytes[i + 5]!) >>> 0);
    i += 2 + len;
  }
  return out;
}

/** FEATURE_GET_TLV_PROPERTIES: tag, length, value (little-endian integers). */
export function parseTlvProperties(bytes: Uint8Array): Partial<ReaderFeatures> {
  const props: { -readonly [K in keyof ReaderFeatures]?: ReaderFeatures[K] } = {};
  for (let i = 0; i + 2 <= bytes.length;) {
    const tag = bytes[i]!;
    const len = bytes[i + 1]!;
    if (i + 2 + len > bytes.length) break;
    const v = bytes.subarray(i + 2, i + 2 + len);
    const int = () => v.reduceRight((acc, b) => acc * 256 + b, 0);
    switch (tag) {
      case PROPERTY.wLcdLayout:
        props.lcdLayout = int();
        break;
      case PROPERTY.bEntryValidationCondition:
        props.entryValidation = int();
        break;
      case PROPERTY.bMinPINSize:
        props.minPinSize = int();
        break;
      case PROPERTY.bMaxPINSize:
        props.maxPinSize = int();
        break;
      case PROPERTY.sFirmwareID:
        props.firmware = printable(v);
        break;
      case PROPERTY.dwMaxAPDUDataSize:
        props.maxApduDataSize = int();
        break;
      case PROPERTY.wIdVendor:
        props.vendorId = int();
        break;
      case PROPERTY.wIdProduct:
        props.productId = int();
        break;
      default:
        break; // bTimeOut2, the display's sizes…: not used
    }
    i += 2 + len;
  }
  return props;
}

function printable(v: Uint8Array): string {
  return Array.from(v, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ''))
    .join('')
    .trim();
}

/**
 * Asks the reader of `connection` for its part 10 features. A reader (or transport) that cannot
 * answer has none; the card is not touched.
 */
export async function readReaderFeatures(connection: CardConnection): Promise<ReaderFeatures> {
  const control = connection.control?.bind(connection);
  if (!control) return {};
  let list: Map<number, number>;
  try {
    list = parseFeatureList(await control(CM_IOCTL_GET_FEATURE_REQUEST, new Uint8Array(0)));
  } catch {
    return {};
  }
  const verify = list.get(FEATURE.VERIFY_PIN_DIRECT);
  const modify = list.get(FEATURE.MODIFY_PIN_DIRECT);
  let props: Partial<ReaderFeatures> = {};
  const tlv = list.get(FEATURE.GET_TLV_PROPERTIES);
  if (tlv !== undefined) {
    try {
      props = parseTlvProperties(await control(tlv, new Uint8Array(0)));
    } catch {
      // a reader that lists the feature but does not answer it: no properties
    }
  }
  const pinProps = list.get(FEATURE.IFD_PIN_PROPERTIES);
  if (pinProps !== undefined && props.entryValidation === undefined) {
    try {
      const p = await control(pinProps, new Uint8Array(0));
      if (p.length >= 4) props = { ...props, lcdLayout: p[0]! | (p[1]! << 8), entryValidation: p[2]! };
    } catch {
      // idem
    }
  }
  return {
    ...(verify !== undefined ? { verifyPinDirect: verify } : {}),
    ...(modify !== undefined ? { modifyPinDirect: modify } : {}),
    ...props,
  };
}

/** The reader verifies codes on its keypad. */
export function hasKeypad(f: ReaderFeatures | undefined): boolean {
  return f?.verifyPinDirect !== undefined;
}
