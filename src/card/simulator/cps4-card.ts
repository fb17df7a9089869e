// A CPS4 (NXP ChipDoc) at the APDU level (docs/card.md §1–§3): logical channels, the ChipDoc applet on
// channel 1, an applet that can be lost until the Cryptolib's recovery, and the CPS4's unblock
// and change. Behind the applet sits a simulated CPS3 (same files, same VERIFY and counters):
// the CPS4 adds what differs and rewrites CLA 01 to 00 for the rest. Every OURS answer is
// described in profile.ts (CPS4_SW and the comment above it).

import { equalBytes, fromHex } from '../bytes.js';
import type { ApduCard } from './apdu-card.js';
import { parseCommand, respond, SW, type Command } from './command.js';
import { SimulatedCps3Card, type ReceivedCode } from './cps3-card.js';
import { CPS2TER_AID } from './cps3-files.js';
import { CHIPDOC_AID } from './cps4-files.js';
import type { Df } from './file-system.js';
import { CardKeys, type CardKeySet } from './card-keys.js';
import type { CardMemory, CardSnapshot } from './memory.js';
import { CARD_MANAGER_AID_HEX, CPS4_ATR_HEX, CPS4_SW, PIN_MAX_TRIES, PIN_REF, PUK_REF, SW_CHOICE, type PinFormat } from './profile.js';

export const CPS4_ATR = fromHex(CPS4_ATR_HEX);
export const CARD_MANAGER_AID = fromHex(CARD_MANAGER_AID_HEX);

/** The status words a lost applet answers (docs/card.md §3: the Cryptolib then runs its recovery). */
export type LostAppletSw = 0x6985 | 0x6881;

export interface Cps4CardOptions {
  readonly fixture: string;
  readonly files: Df;
  readonly memory: CardMemory;
  readonly atr?: Uint8Array;
  /** Each code's format (as its AODF says; default PIN_FORMAT, PUK_FORMAT). */
  readonly formats?: { readonly pin?: PinFormat; readonly puk?: PinFormat };
  /** The private keys, by key reference (card-keys.ts). */
  readonly keys?: CardKeySet;
}

type Channel1 = 'closed' | 'chipdoc' | 'card-manager';

export class SimulatedCps4Card implements ApduCard {
  readonly atr: Uint8Array;
  readonly fixture: string;
  /** The ChipDoc applet's files and codes, spoken to with CLA 00. */
  private readonly applet: SimulatedCps3Card;
  private channel1: Channel1 = 'closed';
  private readonly verified = new Set<number>();
  /** A lost applet: its status word and how far the recovery went (0–2 steps of 3). */
  private lost: { sw: LostAppletSw; step: number } | undefined;
  /** A loss planned after this many more commands. */
  private planned: { sw: LostAppletSw; after: number } | undefined;
  private readonly keys: CardKeys;

  constructor(options: Cps4CardOptions) {
    this.keys = new CardKeys(options.keys ?? new Map());
    this.atr = options.atr ?? CPS4_ATR;
    this.fixture = options.fixture;
    this.applet = new SimulatedCps3Card({
      fixture: options.fixture,
      files: options.files,
      memory: options.memory,
      atr: this.atr,
      ...(options.formats ? { formats: options.formats } : {}),
    });
  }

  /** Every code block received (cps3-card.ts, ReceivedCode). */
  get received(): readonly ReceivedCode[] {
    return this.applet.received;
  }

  reset(): void {
    this.applet.reset();
    this.channel1 = 'closed';
    this.verified.clear();
    this.keys.reset();
    this.lost = undefined;
    this.planned = undefined;
  }

  snapshot(): CardSnapshot {
    return this.applet.snapshot();
  }

  restore(value: unknown): void {
    this.applet.restore(value);
    this.reset();
  }

  /**
   * A fault: the applet is lost now (after = 0) or once `after` more commands have been answered,
   * and answers `sw` on channel 1 until the Cryptolib's recovery (or a power cycle).
   */
  loseApplet(sw: LostAppletSw, after = 0): void {
    if (after <= 0) this.lose(sw);
    else this.planned = { sw, after };
  }

  /** true while the applet is lost. */
  get appletLost(): boolean {
    return this.lost !== undefined;
  }

  transmit(command: Uint8Array): Uint8Array {
    const answer = this.answer(command);
    if (this.planned && --this.planned.after <= 0) {
      this.lose(this.planned.sw);
      this.planned = undefined;
    }
    return answer;
  }

  private lose(sw: LostAppletSw): void {
    this.lost = { sw, step: 0 };
    this.verified.clear();
    this.keys.reset();
    this.applet.reset();
    if (sw === 0x6881) this.channel1 = 'closed';
  }

  private answer(bytes: Uint8Array): Uint8Array {
    const cmd = parseCommand(bytes);
    if (!cmd) return respond(SW.WRONG_LENGTH);
    if (cmd.cla > 0x03) return respond(SW.CLA_UNKNOWN);
    if (cmd.cla === 0x00) return respond(this.basicChannel(cmd));
    if (cmd.cla !== 0x01) return respond(CPS4_SW.CLOSED_CHANNEL);
    if (this.lost) return respond(this.recover(cmd));
    if (isSelectByName(cmd)) return this.selectOnChannel1(cmd, bytes);
    if (this.channel1 === 'closed') return respond(CPS4_SW.CLOSED_CHANNEL);
    if (this.channel1 === 'card-manager') return respond(CPS4_SW.NOT_SIMULATED);
    return this.chipDoc(cmd, bytes);
  }

  // Channel 0: the CPS2ter compatibility applet, which is not simulated beyond its selection.
  // The CPS2ter select is also the second step of the recovery from a lost applet.
  private basicChannel(cmd: Command): number {
    const cps2ter = isSelectByName(cmd) && equalBytes(cmd.data, CPS2TER_AID);
    if (this.lost) this.lost.step = cps2ter && this.lost.step === 1 ? 2 : 0;
    if (!isSelectByName(cmd)) return CPS4_SW.NOT_SIMULATED;
    return cps2ter ? SW.OK : SW.NOT_FOUND;
  }

  private selectOnChannel1(cmd: Command, bytes: Uint8Array): Uint8Array {
    if (equalBytes(cmd.data, CARD_MANAGER_AID)) {
      this.channel1 = 'card-manager';
      return respond(SW.OK);
    }
    if (!equalBytes(cmd.data, CHIPDOC_AID)) {
      // Another DF name: the applet's own files (the PKCS#15 application), once it is selected.
      return this.channel1 === 'chipdoc' ? this.forward(bytes) : respond(SW.NOT_FOUND);
    }
    if (cmd.p2 !== 0x04 && cmd.p2 !== 0x0c) return respond(SW.WRONG_P1P2);
    this.channel1 = 'chipdoc';
    this.applet.reset(); // the applet starts at its MF, its security state fresh
    this.verified.clear();
    this.keys.reset();
    return respond(SW.OK);
  }

  // The Cryptolib's recovery, in order: card manager on 1, CPS2ter on 0 (basicChannel), ChipDoc on 1.
  private recover(cmd: Command): number {
    const lost = this.lost!;
    if (isSelectByName(cmd) && equalBytes(cmd.data, CARD_MANAGER_AID)) {
      lost.step = 1;
      this.channel1 = 'card-manager';
      return SW.OK;
    }
    if (lost.step === 2 && isSelectByName(cmd) && equalBytes(cmd.data, CHIPDOC_AID) && (cmd.p2 === 0x04 || cmd.p2 === 0x0c)) {
      this.lost = undefined;
      this.channel1 = 'chipdoc';
      this.applet.reset();
      this.verified.clear();
      return SW.OK;
    }
    lost.step = 0;
    return lost.sw;
  }

  private chipDoc(cmd: Command, bytes: Uint8Array): Uint8Array {
    switch (cmd.ins) {
      case 0x20:
        return this.verify(cmd, bytes);
      case 0x24:
        return respond(this.changeReferenceData(cmd));
      case 0x2c:
        return respond(this.resetRetryCounter(cmd));
      case 0xcb:
        return respond(CPS4_SW.NOT_SIMULATED);
      case 0x22:
      case 0x2a:
      case 0x88: {
        const r = this.keys.cps4(cmd, this.verified.has(PIN_REF));
        return respond(r.sw, r.data);
      }
      default:
        return this.forward(bytes);
    }
  }

  private forward(bytes: Uint8Array): Uint8Array {
    const copy = bytes.slice();
    copy[0] = 0x00;
    return this.applet.transmit(copy);
  }

  // VERIFY is the CPS3's; the CPS4 keeps its own record of what it verified for 2C and 24.
  private verify(cmd: Command, bytes: Uint8Array): Uint8Array {
    const r = this.forward(bytes);
    if (cmd.data.length > 0) {
      const sw = (r[r.length - 2]! << 8) | r[r.length - 1]!;
      if (sw === SW.OK) this.verified.add(cmd.p2);
      else this.verified.delete(cmd.p2);
    }
    return r;
  }

  // 01 2C 03 (PIN | 80), no data: the PIN's tries come back, one lifetime unblock is spent.
  private resetRetryCounter(cmd: Command): number {
    if (cmd.p1 !== 0x03 || cmd.p2 !== (PIN_REF | 0x80)) return CPS4_SW.CPS3_FORM;
    if (cmd.data.length > 0) return SW.WRONG_LENGTH;
    const m = this.memory();
    if (m.puk.unblocksLeft === 0) return SW.INVALIDATED;
    if (!this.verified.has(PUK_REF)) return SW.SECURITY;
    m.pin.triesLeft = PIN_MAX_TRIES;
    m.puk.unblocksLeft -= 1;
    this.save(m);
    this.verified.delete(PIN_REF);
    return SW.OK;
  }

  // 01 24 01 PIN <new PIN block>: the new value alone, after the PIN or the PUK was verified.
  private changeReferenceData(cmd: Command): number {
    if (cmd.p1 !== 0x01) return CPS4_SW.CPS3_FORM;
    if (cmd.p2 === PUK_REF) return SW_CHOICE.PUK_CHANGE;
    if (cmd.p2 !== PIN_REF) return SW.DATA_NOT_FOUND;
    const next = this.applet.receive(PIN_REF, cmd.data, this.applet.formats.pin);
    if (next === undefined) return SW_CHOICE.BAD_BLOCK;
    if (!this.verified.has(PIN_REF) && !this.verified.has(PUK_REF)) return SW.SECURITY;
    const m = this.memory();
    if (m.pin.triesLeft === 0) return SW.BLOCKED;
    m.pin.code = next;
    m.pin.triesLeft = PIN_MAX_TRIES;
    this.save(m);
    this.verified.clear();
    return SW.OK;
  }

  private memory(): CardMemory {
    const s = this.applet.snapshot();
    return { pin: { ...s.pin }, puk: { ...s.puk } };
  }

  // Writing the codes back resets the applet behind (its own verified state and current file):
  // the CPS4 keeps its record in `verified`, and its channel stays on the ChipDoc applet.
  private save(m: CardMemory): void {
    this.applet.restore({ ...this.applet.snapshot(), pin: m.pin, puk: m.puk });
  }
}

function isSelectByName(cmd: Command): boolean {
  return cmd.ins === 0xa4 && cmd.p1 === 0x04 && cmd.data.length > 0;
}
