// Command APDU parsing and response building for the simulated cards (short APDUs only: a CPS3
// has no extended length).

import { concat } from '../bytes.js';

export interface Command {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (empty for ISO cases 1 and 2). */
  readonly data: Uint8Array;
  /** Expected length as sent (1..255, 0 meaning 256), or undefined when absent (cases 1 and 3). */
  readonly le: number | undefined;
}

/** undefined when the bytes are no well-formed short APDU. */
export function parseCommand(bytes: Uint8Array): Command | undefined {
  if (bytes.length < 4) return undefined;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  if (bytes.length === 4) return { cla, ins, p1, p2, data: new Uint8Array(0), le: undefined };
  if (bytes.length === 5) return { cla, ins, p1, p2, data: new Uint8Array(0), le: bytes[4]! };
  const lc = bytes[4]!;
  if (lc === 0) return undefined; // extended length: not on this card
  if (bytes.length === 5 + lc) return { cla, ins, p1, p2, data: bytes.slice(5), le: undefined };
  if (bytes.length === 6 + lc) return { cla, ins, p1, p2, data: bytes.slice(5, 5 + lc), le: bytes[5 + lc]! };
  return undefined;
}

export function respond(sw: number, data: Uint8Array | readonly number[] = []): Uint8Array {
  return concat(data, [sw >> 8, sw & 0xff]);
}

export const SW = {
  OK: 0x9000,
  WRONG_LENGTH: 0x6700,
  SECURITY: 0x6982,
  BLOCKED: 0x6983,
  INVALIDATED: 0x6984,
  CONDITIONS: 0x6985,
  NO_CURRENT_EF: 0x6986,
  WRONG_DATA: 0x6a80,
  NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  LC_INCONSISTENT: 0x6a87,
  DATA_NOT_FOUND: 0x6a88,
  WRONG_OFFSET: 0x6b00,
  INS_UNKNOWN: 0x6d00,
  CLA_UNKNOWN: 0x6e00,
} as const;
