// Command APDUs (ISO/IEC 7816-4, short form only: CPS cards answer at most 256 bytes at a time).

/** The instruction bytes this tool sends, named once. */
export const INS = {
  VERIFY: 0x20,
  CHANGE_REFERENCE_DATA: 0x24,
  RESET_RETRY_COUNTER: 0x2c,
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  GET_RESPONSE: 0xc0,
  GET_DATA: 0xcb,
} as const;

export interface Command {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (Lc is its length). */
  readonly data?: Uint8Array;
  /** Expected response length, 1..256 (256 is encoded 00). Absent: no Le (cases 1 and 3). */
  readonly le?: number;
}

/** The logical channel goes into CLA: 0-3 in bits 1-2 (first interindustry), 4-19 in bits 1-4 of 0x40. */
export function claForChannel(cla: number, channel: number): number {
  if (!Number.isInteger(channel) || channel < 0 || channel > 19) {
    throw new RangeError(`canal logique invalide : ${channel}`);
  }
  if (channel <= 3) return (cla & 0xbc) | channel;
  return (cla & 0xb0) | 0x40 | (channel - 4);
}

/** The logical channel a CLA byte names. */
export function channelOfCla(cla: number): number {
  return (cla & 0x40) !== 0 ? (cla & 0x0f) + 4 : cla & 0x03;
}

export function encodeCommand(c: Command): Uint8Array {
  for (const [name, v] of [
    ['CLA', c.cla],
    ['INS', c.ins],
    ['P1', c.p1],
    ['P2', c.p2],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${name} invalide : ${v}`);
  }
  const data = c.data ?? new Uint8Array(0);
  if (data.length > 255) throw new RangeError(`données trop longues pour un APDU court : ${data.length}`);
  if (c.le !== undefined && (!Number.isInteger(c.le) || c.le < 1 || c.le > 256)) {
    throw new RangeError(`Le invalide : ${c.le}`);
  }
  const out: number[] = [c.cla, c.ins, c.p1, c.p2];
  if (data.length > 0) out.push(data.length, ...data); // case 3 or 4
  if (c.le !== undefined) out.push(c.le & 0xff); // case 2 or 4
  return Uint8Array.from(out);
}

/** Splits a short command APDU back into its fields (for traces and tests). Returns null if malformed. */
export function decodeCommand(bytes: Uint8Array): Command | null {
  if (bytes.length < 4) return null;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  if (bytes.length === 4) return { cla, ins, p1, p2 };
  if (bytes.length === 5) return { cla, ins, p1, p2, le: bytes[4] === 0 ? 256 : bytes[4]! };
  const lc = bytes[4]!;
  if (lc === 0) return null; // extended length: never sent by this tool
  if (bytes.length === 5 + lc) return { cla, ins, p1, p2, data: bytes.slice(5, 5 + lc) };
  if (bytes.length === 6 + lc) {
    const le = bytes[5 + lc]!;
    return { cla, ins, p1, p2, data: bytes.slice(5, 5 + lc), le: le === 0 ? 256 : le };
  }
  return null;
}
