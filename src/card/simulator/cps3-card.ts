// A CPS3 contact card at the APDU level (docs/card.md §1–§3): T=0 response chaining, the file
// system of cps3-files.ts, the counters GET DATA, and the PIN / PUK commands with real counters.

import { fromHex } from '../bytes.js';
import type { ApduCard } from './apdu-card.js';
import { parseCommand, respond, SW, type Command } from './command.js';
import { fcp, findByFid, findByName, findByPath, findBySfi, type Df, type Ef, type FileNode } from './file-system.js';
import { SimStateError, parseSnapshot, toSnapshot, type CardMemory, type CardSnapshot, type CodeMemory } from './memory.js';
import {
  COUNTER_ACCESS_RULE,
  PIN_FORMAT,
  PIN_MAX_TRIES,
  PIN_REF,
  PUK_FORMAT,
  PUK_MAX_TRIES,
  PUK_REF,
  SW_CHOICE,
  type PinFormat,
} from './profile.js';
import { tlv } from './der.js';
import { CardKeys, type CardKeySet } from './card-keys.js';

export const CPS3_CONTACT_ATR = fromHex('3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00');

/** READ BINARY returns at most this many bytes (docs/card.md §2). */
export const MAX_READ = 0xe7;

interface Result {
  readonly sw: number;
  readonly data?: Uint8Array;
}

const ok = (data?: Uint8Array): Result => (data ? { sw: SW.OK, data } : { sw: SW.OK });
const fail = (sw: number): Result => ({ sw });

/** The code a block carries, or undefined when the block is not exactly as the AODF declares. */
export function decodeBlock(block: Uint8Array, f: PinFormat): string | undefined {
  if (block.length !== f.storedLength) return undefined;
  let n = 0;
  while (n < block.length && block[n] !== f.padChar) {
    const b = block[n]!;
    if (b < 0x30 || b > 0x39) return undefined;
    n++;
  }
  for (let i = n; i < block.length; i++) if (block[i] !== f.padChar) return undefined;
  if (n < f.minLength || n > f.maxLength) return undefined;
  return String.fromCharCode(...block.subarray(0, n));
}

/** The block this card expects for a code (tests and tools use it; the card layer has its own). */
export function encodeBlock(code: string, f: PinFormat): Uint8Array {
  const out = new Uint8Array(f.storedLength).fill(f.padChar);
  for (let i = 0; i < code.length; i++) out[i] = code.charCodeAt(i);
  return out;
}

export interface Cps3CardOptions {
  /** The fixture name, recorded in snapshots. */
  readonly fixture: string;
  readonly files: Df;
  readonly memory: CardMemory;
  readonly atr?: Uint8Array;
  /** The access rules (A1 { 8C … }) of each code's counters answer, when not COUNTER_ACCESS_RULE. */
  readonly counterRules?: { readonly pin?: readonly number[]; readonly puk?: readonly number[] };
  /** Each code's format (as its AODF says; default PIN_FORMAT, PUK_FORMAT). */
  readonly formats?: { readonly pin?: PinFormat; readonly puk?: PinFormat };
  /** The private keys, by key reference (card-keys.ts); none: the card signs nothing. */
  readonly keys?: CardKeySet;
}

/**
 * A code block the card received (VERIFY, CHANGE, RESET RETRY COUNTER): which code, and how many
 * digits it carried (null: a block the card refused as malformed). Tests read it to prove that
 * no code outside the card's rules, and no code the holder did not type, ever reached it.
 */
export interface ReceivedCode {
  readonly ref: number;
  readonly digits: number | null;
}

export class SimulatedCps3Card implements ApduCard {
  readonly atr: Uint8Array;
  readonly fixture: string;
  private readonly mf: Df;
  private memory: CardMemory;
  private currentDf: Df;
  private currentEf: Ef | undefined;
  private pending: { data: Uint8Array; sw: number } | undefined;
  private readonly verified = new Set<number>();
  private readonly counterRules: { readonly pin?: readonly number[]; readonly puk?: readonly number[] };
  readonly formats: { readonly pin: PinFormat; readonly puk: PinFormat };
  /** Every code block received since the card was made (not cleared by a reset). */
  readonly received: ReceivedCode[] = [];
  private readonly keys: CardKeys;

  constructor(options: Cps3CardOptions) {
    this.formats = { pin: options.formats?.pin ?? PIN_FORMAT, puk: options.formats?.puk ?? PUK_FORMAT };
    this.keys = new CardKeys(options.keys ?? new Map());
    this.atr = options.atr ?? CPS3_CONTACT_ATR;
    this.counterRules = options.counterRules ?? {};
    this.fixture = options.fixture;
    this.mf = options.files;
    this.currentDf = this.mf;
    this.memory = structuredClone(options.memory);
  }

  reset(): void {
    this.verified.clear();
    this.keys.reset();
    this.currentDf = this.mf;
    this.currentEf = undefined;
    this.pending = undefined;
  }

  snapshot(): CardSnapshot {
    return toSnapshot(this.fixture, this.memory);
  }

  /** Takes back codes and counters from a snapshot of the same fixture; the card is reset. */
  restore(value: unknown): void {
    const s = parseSnapshot(value);
    if (s.fixture !== this.fixture) {
      throw new SimStateError({ why: 'other-fixture', saved: s.fixture, card: this.fixture });
    }
    this.memory = { pin: { ...s.pin }, puk: { ...s.puk } };
    this.reset();
  }

  transmit(command: Uint8Array): Uint8Array {
    const cmd = parseCommand(command);
    if (!cmd) {
      this.pending = undefined;
      return respond(SW.WRONG_LENGTH);
    }
    if (cmd.cla !== 0x00) {
      this.pending = undefined;
      return respond(SW.CLA_UNKNOWN);
    }
    if (cmd.ins === 0xc0) return this.getResponse(cmd);
    this.pending = undefined;
    return this.deliver(cmd, this.execute(cmd));
  }

  private execute(cmd: Command): Result {
    switch (cmd.ins) {
      case 0xa4:
        return this.select(cmd);
      case 0xb0:
        return this.readBinary(cmd);
      case 0xcb:
        return this.getData(cmd);
      case 0x20:
        return this.verify(cmd);
      case 0x24:
        return this.changeReferenceData(cmd);
      case 0x2c:
        return this.resetRetryCounter(cmd);
      case 0x22:
      case 0x2a:
      case 0x88:
        return this.keys.cps3(cmd, this.verified.has(PIN_REF));
      default:
        return fail(SW.INS_UNKNOWN);
    }
  }

  // T=0: a command that carried data (or no Le) leaves its answer waiting behind 61 xx; a case-2
  // command gets its data at once if Le matches, 6C xx if Le asks for more than there is.
  private deliver(cmd: Command, r: Result): Uint8Array {
    if (!r.data || r.data.length === 0) return respond(r.sw);
    if (cmd.le === undefined || cmd.data.length > 0) {
      this.pending = { data: r.data, sw: r.sw };
      return respond(0x6100 | (r.data.length & 0xff));
    }
    return this.withLe(r.data, r.sw, cmd.le);
  }

  private withLe(data: Uint8Array, sw: number, le: number): Uint8Array {
    const wanted = le === 0 ? 256 : le;
    if (wanted > data.length) {
      this.pending = { data, sw };
      return respond(0x6c00 | data.length);
    }
    if (wanted < data.length) {
      const rest = data.subarray(wanted);
      this.pending = { data: rest, sw };
      return respond(0x6100 | (rest.length & 0xff), data.subarray(0, wanted));
    }
    this.pending = undefined;
    return respond(sw, data);
  }

  private getResponse(cmd: Command): Uint8Array {
    if (cmd.p1 !== 0 || cmd.p2 !== 0) {
      this.pending = undefined;
      return respond(SW.WRONG_P1P2);
    }
    if (cmd.data.length > 0 || cmd.le === undefined) {
      this.pending = undefined;
      return respond(SW.WRONG_LENGTH);
    }
    if (!this.pending) return respond(SW_CHOICE.NOTHING_PENDING);
    return this.withLe(this.pending.data, this.pending.sw, cmd.le);
  }

  private select(cmd: Command): Result {
    const { p1, p2, data } = cmd;
    if (p2 !== 0x04 && p2 !== 0x0c) return fail(SW.WRONG_P1P2);
    let target: FileNode | undefined;
    switch (p1) {
      case 0x00:
      case 0x01:
      case 0x02:
        if (data.length === 0 && p1 === 0x00) target = this.mf;
        else if (data.length !== 2) return fail(SW.LC_INCONSISTENT);
        else target = findByFid(this.mf, this.currentDf, (data[0]! << 8) | data[1]!);
        break;
      case 0x04:
        if (data.length === 0 || data.length > 16) return fail(SW.LC_INCONSISTENT);
        target = findByName(this.mf, data);
        break;
      case 0x08:
      case 0x09: {
        if (data.length === 0 || data.length % 2 !== 0) return fail(SW.LC_INCONSISTENT);
        const fids: number[] = [];
        for (let i = 0; i < data.length; i += 2) fids.push((data[i]! << 8) | data[i + 1]!);
        target = findByPath(this.mf, p1 === 0x08 ? this.mf : this.currentDf, fids);
        break;
      }
      default:
        return fail(SW.WRONG_P1P2);
    }
    if (!target) return fail(SW.NOT_FOUND);
    if (target.kind === 'ef') {
      this.currentEf = target;
      this.currentDf = target.parent ?? this.mf;
    } else {
      this.currentEf = undefined;
      this.currentDf = target;
    }
    return p2 === 0x04 ? ok(fcp(target)) : ok();
  }

  // 00 B0 P1 P2 Le: offset P1-P2 in the current EF, or (P1 = 80 | SFI) offset P2 in the EF of
  // that short identifier in the current DF, which becomes the current EF.
  private readBinary(cmd: Command): Result {
    if (cmd.data.length > 0 || cmd.le === undefined) return fail(SW.WRONG_LENGTH);
    let file = this.currentEf;
    let offset = (cmd.p1 << 8) | cmd.p2;
    if (cmd.p1 & 0x80) {
      if (cmd.p1 & 0x60) return fail(SW.WRONG_P1P2);
      file = findBySfi(this.currentDf, cmd.p1 & 0x1f);
      if (!file) return fail(SW.NOT_FOUND);
      this.currentEf = file;
      offset = cmd.p2;
    }
    if (!file) return fail(SW.NO_CURRENT_EF);
    if (file.needsPin && !this.verified.has(PIN_REF)) return fail(SW.SECURITY);
    if (offset >= file.data.length) return fail(SW.WRONG_OFFSET);
    const available = Math.min(file.data.length - offset, MAX_READ);
    const wanted = cmd.le === 0 ? 256 : cmd.le;
    if (wanted > available) return fail(0x6c00 | available);
    return ok(file.data.slice(offset, offset + wanted));
  }

  private code(ref: number): { mem: CodeMemory; format: PinFormat; max: number } | undefined {
    if (ref === PIN_REF) return { mem: this.memory.pin, format: this.formats.pin, max: PIN_MAX_TRIES };
    if (ref === PUK_REF) return { mem: this.memory.puk, format: this.formats.puk, max: PUK_MAX_TRIES };
    return undefined;
  }

  private pukExhausted(ref: number): boolean {
    return ref === PUK_REF && this.memory.puk.unblocksLeft === 0;
  }

  // GET DATA 00 CB 3F FF 0A 4D 08 70 06 BF 81 rr 02 A0 80 00: the counters of code rr, in the MF.
  private getData(cmd: Command): Result {
    if (cmd.p1 !== 0x3f || cmd.p2 !== 0xff) return fail(SW.WRONG_P1P2);
    const d = cmd.data;
    const chvPattern = [0x4d, 0x09, 0x70, 0x07, 0xbf, 0x81, -1, 0x03, 0x7f, 0x41, 0x80];
    if (d.length === chvPattern.length && chvPattern.every((b, i) => b < 0 || d[i] === b)) return this.getChv(d[6]!);
    const pattern = [0x4d, 0x08, 0x70, 0x06, 0xbf, 0x81, -1, 0x02, 0xa0, 0x80];
    if (d.length !== pattern.length || pattern.some((b, i) => b >= 0 && d[i] !== b)) return fail(SW.WRONG_DATA);
    if (this.currentDf !== this.mf) return fail(SW.DATA_NOT_FOUND);
    const ref = d[6]!;
    const c = this.code(ref);
    if (!c) return fail(SW.DATA_NOT_FOUND);
    const usage = ref === PUK_REF ? [tlv(0x9d, [this.memory.puk.unblocksLeft >> 8, this.memory.puk.unblocksLeft & 0xff])] : [];
    const rule = (ref === PUK_REF ? this.counterRules.puk : this.counterRules.pin) ?? COUNTER_ACCESS_RULE;
    const body = tlv(0xa0, tlv(0x9a, [c.max]), tlv(0x9b, [c.mem.triesLeft]), ...usage, tlv(0xa1, rule));
    return ok(tlv(0x70, tlv(0xbf8100 | ref, body)));
  }

  // GET DATA … BF 81 rr 03 7F 41 80: the CHV object's sizes (80 max, 81 min), as OpenSC's IAS-ECC driver reads them.
  private getChv(ref: number): Result {
    if (this.currentDf !== this.mf) return fail(SW.DATA_NOT_FOUND);
    const c = this.code(ref);
    if (!c) return fail(SW.DATA_NOT_FOUND);
    return ok(tlv(0x70, tlv(0xbf8100 | ref, tlv(0x7f41, tlv(0x80, [c.format.maxLength]), tlv(0x81, [c.format.minLength])))));
  }

  /** The code a block carries under `format`, recorded as received (its length, or null when malformed). */
  receive(ref: number, block: Uint8Array, format: PinFormat): string | undefined {
    const value = decodeBlock(block, format);
    this.received.push({ ref, digits: value === undefined ? null : value.length });
    return value;
  }

  private verify(cmd: Command): Result {
    if (cmd.p1 !== 0x00) return fail(SW.WRONG_P1P2);
    const c = this.code(cmd.p2);
    if (!c) return fail(SW.DATA_NOT_FOUND);
    if (this.pukExhausted(cmd.p2)) return fail(SW.INVALIDATED);
    if (c.mem.triesLeft === 0) return fail(SW.BLOCKED);
    if (cmd.data.length === 0) {
      // Asks the state, spends nothing.
      return this.verified.has(cmd.p2) ? ok() : fail(0x63c0 | c.mem.triesLeft);
    }
    const value = this.receive(cmd.p2, cmd.data, c.format);
    if (value === undefined) return fail(SW_CHOICE.BAD_BLOCK);
    return this.compare(cmd.p2, c, value);
  }

  private compare(ref: number, c: { mem: CodeMemory; max: number }, value: string): Result {
    if (value === c.mem.code) {
      c.mem.triesLeft = c.max;
      this.verified.add(ref);
      return ok();
    }
    c.mem.triesLeft -= 1;
    this.verified.delete(ref);
    return fail(0x63c0 | c.mem.triesLeft);
  }

  // 00 24 00 01 <old block><new block>
  private changeReferenceData(cmd: Command): Result {
    if (cmd.p1 !== 0x00) return fail(SW.WRONG_P1P2);
    if (cmd.p2 === PUK_REF) return fail(SW_CHOICE.PUK_CHANGE);
    const c = this.code(cmd.p2);
    if (!c) return fail(SW.DATA_NOT_FOUND);
    if (c.mem.triesLeft === 0) return fail(SW.BLOCKED);
    const n = c.format.storedLength;
    if (cmd.data.length !== 2 * n) return fail(SW_CHOICE.BAD_BLOCK);
    const old = this.receive(cmd.p2, cmd.data.subarray(0, n), c.format);
    const next = this.receive(cmd.p2, cmd.data.subarray(n), c.format);
    if (old === undefined || next === undefined) return fail(SW_CHOICE.BAD_BLOCK);
    const r = this.compare(cmd.p2, c, old);
    if (r.sw === SW.OK) c.mem.code = next;
    return r;
  }

  // 00 2C 02 01 <new PIN block>, after the PUK was verified. Spends one lifetime unblock.
  private resetRetryCounter(cmd: Command): Result {
    if (cmd.p1 !== 0x02) return fail(SW.WRONG_P1P2);
    if (cmd.p2 !== PIN_REF) return fail(SW.DATA_NOT_FOUND);
    if (this.memory.puk.unblocksLeft === 0) return fail(SW.INVALIDATED);
    if (!this.verified.has(PUK_REF)) return fail(SW.SECURITY);
    const next = this.receive(PIN_REF, cmd.data, this.formats.pin);
    if (next === undefined) return fail(SW_CHOICE.BAD_BLOCK);
    this.memory.pin.code = next;
    this.memory.pin.triesLeft = PIN_MAX_TRIES;
    this.memory.puk.unblocksLeft -= 1;
    this.verified.delete(PUK_REF);
    this.verified.delete(PIN_REF);
    return ok();
  }
}
