// Selecting and reading transparent files, the way the Cryptolib does on a CPS3 (docs/card.md §2):
// SELECT by path from the MF (00 A4 09 04 Lc 3F00 …, FCP wanted for the file's size; P2=0C, no
// FCP, when the size is known), then READ BINARY in chunks of at most 0xE7 bytes. A file of known
// short identifier can also be read in one READ BINARY (readShort). Files are read once per connection.

import { hex } from '../bytes.js';
import { ApduError } from '../apdu/errors.js';
import type { CommandChannel } from './recovery.js';
import { SW } from '../apdu/status-words.js';
import { findChild, parseTlvs } from '../tlv/tlv.js';

/** READ BINARY limit of CPS3 and IAS-ECC [CL card-cps3.c, OSC iasecc.h]. */
export const MAX_READ = 0xe7;
/** Offsets are 15 bits in READ BINARY with P1 bit 8 clear. */
const MAX_OFFSET = 0x7fff;

export const MF = Uint8Array.from([0x3f, 0x00]);

export interface Range {
  readonly index?: number;
  readonly length?: number;
}

export class CardFiles {
  private readonly cache = new Map<string, Uint8Array>();

  constructor(private readonly protocol: CommandChannel) {}

  /** SELECT the MF, no FCP (needed before GET DATA on the counters). */
  async selectMf(): Promise<void> {
    await this.protocol.send({ cla: 0, ins: 0xa4, p1: 0x00, p2: 0x0c, data: MF }, 'SELECT 3F00');
  }

  /**
   * Reads `length` bytes of the EF of short identifier `sfi` in the current DF, in one READ
   * BINARY with no SELECT (P1 = 80 | SFI). Raises ApduError when the card refuses it.
   */
  async readShort(sfi: number, length: number): Promise<Uint8Array> {
    const r = await this.protocol.transmit(
      { cla: 0, ins: 0xb0, p1: 0x80 | (sfi & 0x1f), p2: 0, le: length },
      `READ BINARY SFI ${hex(Uint8Array.of(sfi))}`,
    );
    if (r.sw !== SW.OK && r.sw !== SW.WARNING_END_OF_FILE) throw new ApduError(r.sw, `READ BINARY SFI ${hex(Uint8Array.of(sfi))}`);
    return r.data;
  }

  /** Reads a whole EF (or `range` of it). `path` starts at 3F00. Raises ApduError (6A82 when absent). */
  async read(path: Uint8Array, range: Range = {}): Promise<Uint8Array> {
    const key = `${hex(path, '')}:${range.index ?? ''}:${range.length ?? ''}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    // A size the caller knows needs no FCP: SELECT with P2=0C, one GET RESPONSE fewer on T=0.
    const size = range.length !== undefined ? await this.selectOnly(path) : await this.select(path);
    const start = range.index ?? 0;
    const end = range.length !== undefined ? start + range.length : size;
    const out = await this.readBinary(path, start, end);
    this.cache.set(key, out);
    return out;
  }

  /** SELECT by path from the MF, FCP wanted; the file's size when the FCP gives it. */
  private async select(path: Uint8Array): Promise<number | null> {
    const sel = await this.protocol.send({ cla: 0, ins: 0xa4, p1: 0x09, p2: 0x04, data: path, le: 256 }, `SELECT ${hex(path)}`);
    return fcpSize(sel.data);
  }

  /** SELECT by path from the MF, no FCP. */
  private async selectOnly(path: Uint8Array): Promise<null> {
    await this.protocol.send({ cla: 0, ins: 0xa4, p1: 0x09, p2: 0x0c, data: path }, `SELECT ${hex(path)}`);
    return null;
  }

  private async readBinary(path: Uint8Array, start: number, end: number | null): Promise<Uint8Array> {
    const name = hex(path);
    const parts: Uint8Array[] = [];
    let at = start;
    while ((end === null || at < end) && at <= MAX_OFFSET) {
      const le = end === null ? MAX_READ : Math.min(MAX_READ, end - at);
      const command = { cla: 0, ins: 0xb0, p1: (at >> 8) & 0x7f, p2: at & 0xff, le };
      const recoveries = this.protocol.recoveries;
      let r = await this.protocol.transmit(command, `READ BINARY ${name} @${at}`);
      if (r.sw !== SW.OK && this.protocol.recoveries > recoveries) {
        // The applet was reselected on the way (CPS4): it starts again at its MF, no file selected.
        await this.select(path);
        r = await this.protocol.transmit(command, `READ BINARY ${name} @${at}`);
      }
      if (r.sw === SW.OK || r.sw === SW.WARNING_END_OF_FILE) {
        parts.push(r.data);
        at += r.data.length;
        if (r.sw === SW.WARNING_END_OF_FILE || r.data.length < le) break; // end of file reached
        continue;
      }
      // Size unknown: reading past the end is how the end is found.
      if (end === null && at > start && (r.sw === SW.WRONG_P1P2 || r.sw === SW.INCORRECT_P1P2)) break;
      throw new ApduError(r.sw, `READ BINARY ${name}`);
    }
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/** File size from an FCP template (62 { 80 size | 81 size … }); null when it does not say. */
export function fcpSize(fcp: Uint8Array): number | null {
  try {
    const [t] = parseTlvs(fcp);
    if (!t || t.tag !== 0x62) return null;
    const s = findChild(t, 0x80) ?? findChild(t, 0x81);
    if (!s || s.value.length === 0 || s.value.length > 3) return null;
    return s.value.reduce((n, b) => n * 256 + b, 0);
  } catch {
    return null;
  }
}

/** The absolute path of a PKCS#15 path: kept if it starts at 3F00, else under the application DF. */
export function absolutePath(appPath: Uint8Array, path: Uint8Array): Uint8Array {
  if (path.length >= 2 && path[0] === 0x3f && path[1] === 0x00) return path;
  const out = new Uint8Array(appPath.length + path.length);
  out.set(appPath, 0);
  out.set(path, appPath.length);
  return out;
}
