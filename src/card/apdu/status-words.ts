// Status words by name, and the few families that carry a number (63Cx, 61xx, 6Cxx).

export const SW = {
  OK: 0x9000,
  WARNING_END_OF_FILE: 0x6282,
  WRONG_LENGTH: 0x6700,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTH_METHOD_BLOCKED: 0x6983,
  REFERENCE_DATA_INVALIDATED: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  COMMAND_NOT_ALLOWED: 0x6986,
  INCORRECT_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  RECORD_NOT_FOUND: 0x6a83,
  INCORRECT_P1P2: 0x6a86,
  DATA_NOT_FOUND: 0x6a88,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

export type NamedSw = (typeof SW)[keyof typeof SW];

const NAMES = new Map<number, string>(Object.entries(SW).map(([k, v]) => [v, k]));

/** "AUTH_METHOD_BLOCKED (6983)", "RETRIES_LEFT_2 (63C2)", or the bare hex. */
export function describeSw(sw: number): string {
  const h = swHex(sw);
  const name = NAMES.get(sw);
  if (name) return `${name} (${h})`;
  const tries = triesLeftFromSw(sw);
  if (tries !== null) return `RETRIES_LEFT_${tries} (${h})`;
  if (bytesAvailable(sw) !== null) return `BYTES_AVAILABLE (${h})`;
  if (correctLe(sw) !== null) return `WRONG_LE (${h})`;
  return h;
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** 63Cx: x tries left. null for any other status word. */
export function triesLeftFromSw(sw: number): number | null {
  return (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : null;
}

/** 61xx: xx bytes waiting for GET RESPONSE (00 means 256). */
export function bytesAvailable(sw: number): number | null {
  if ((sw & 0xff00) !== 0x6100) return null;
  return (sw & 0xff) === 0 ? 256 : sw & 0xff;
}

/** 6Cxx: wrong Le, resend with Le = xx (00 means 256). */
export function correctLe(sw: number): number | null {
  if ((sw & 0xff00) !== 0x6c00) return null;
  return (sw & 0xff) === 0 ? 256 : sw & 0xff;
}
