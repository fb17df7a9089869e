// The APDU protocol over a CardConnection: T=0 response chaining (61xx → GET RESPONSE on the
// same channel) and wrong-Le retry (6Cxx) live here and nowhere else. Callers get the whole
// response data and the final status word, or an ApduError when they ask for success.
//
// A command is resent on 6Cxx only when it reads (sent with an Le, case 2 or 4) and carries no
// code (docs/card.md §2): a VERIFY, CHANGE REFERENCE DATA or RESET RETRY COUNTER goes to the card
// exactly once, whatever it answers, since every resend of a code spends a try.

import { hex } from '../bytes.js';
import type { CardConnection } from '../transport/transport.js';
import { TransportError, isTransportError } from '../transport/errors.js';
import { claForChannel, encodeCommand, type Command } from './command.js';
import { ApduError, MalformedResponseError } from './errors.js';
import { SW, bytesAvailable, correctLe } from './status-words.js';
import { carriesCodeOrWrites, maskedCommandHex, type TraceEntry } from './trace.js';

export interface Response {
  readonly data: Uint8Array;
  readonly sw: number;
}

export interface ProtocolOptions {
  /** Logical channel carried in every CLA, GET RESPONSE included. */
  readonly channel?: number;
  readonly onTrace?: (entry: TraceEntry) => void;
  /** A command about to leave (its code masked), told before it is sent: a trace written then keeps it whatever follows. */
  readonly onSent?: (seq: number, command: string, masked: boolean) => void;
  /**
   * Bound on one exchange (ms): a mute card gets TransportError('timeout'), and the connection
   * is then unusable (every later command fails the same way). Absent: no bound.
   */
  readonly transmitMs?: number;
}

/** A card never needs this many GET RESPONSE rounds for one command (64 × 256 bytes). */
const MAX_CHAIN = 64;

export class ApduProtocol {
  private seq = 0;
  /** Set once an exchange ran out of time: the card may still be busy with it. */
  private stalled: TransportError | undefined;
  readonly channel: number;

  constructor(
    private readonly connection: CardConnection,
    private readonly options: ProtocolOptions = {},
  ) {
    this.channel = options.channel ?? 0;
  }

  /** APDUs exchanged so far (GET RESPONSE and 6Cxx resends included). */
  get apduCount(): number {
    return this.seq;
  }

  /** CLA 00 on this protocol's channel. */
  get cla(): number {
    return claForChannel(0x00, this.channel);
  }

  /**
   * Sends a command (its CLA gets this channel, or `channel` when given: the CPS4's recovery
   * speaks once on channel 0), follows 61xx and 6Cxx, returns data and final SW.
   */
  async transmit(command: Command, step: string, channel: number = this.channel): Promise<Response> {
    let current: Command = { ...command, cla: claForChannel(command.cla, channel) };
    let raw = await this.exchange(current, step);
    let leRetries = 0;
    let fixedLe: number | null;
    const mayResend = current.le !== undefined && !carriesCodeOrWrites(current);
    while (mayResend && (fixedLe = correctLe(raw.sw)) !== null && leRetries < 2) {
      leRetries++;
      current = { ...current, le: fixedLe };
      raw = await this.exchange(current, step);
    }
    const chunks: Uint8Array[] = [raw.data];
    let sw = raw.sw;
    let rounds = 0;
    let waiting: number | null;
    while ((waiting = bytesAvailable(sw)) !== null) {
      if (++rounds > MAX_CHAIN) throw new MalformedResponseError(step, { reason: 'endless-chain' });
      let getResponse: Command = { cla: claForChannel(0x00, channel), ins: 0xc0, p1: 0, p2: 0, le: waiting };
      let r = await this.exchange(getResponse, `${step} (GET RESPONSE)`);
      const fix = correctLe(r.sw);
      if (fix !== null) {
        getResponse = { ...getResponse, le: fix };
        r = await this.exchange(getResponse, `${step} (GET RESPONSE)`);
      }
      chunks.push(r.data);
      sw = r.sw;
    }
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const data = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      data.set(c, at);
      at += c.length;
    }
    return { data, sw };
  }

  /** Like transmit, but any status word other than 9000 (or one of `accept`) raises ApduError. */
  async send(command: Command, step: string, accept: readonly number[] = []): Promise<Response> {
    const r = await this.transmit(command, step);
    if (r.sw !== SW.OK && !accept.includes(r.sw)) throw new ApduError(r.sw, step);
    return r;
  }

  /**
   * Issue 20: a command the reader builds from the keys typed on its keypad (PC/SC part 10,
   * SCardControl with `controlCode`). Sent once, whatever comes back; bounded by `boundMs` (the
   * holder's typing time), not by transmitMs. The trace shows the template (header, Lc, padding):
   * the code never passes here.
   */
  async keypad(controlCode: number, structure: Uint8Array, template: Uint8Array, step: string, boundMs: number): Promise<Response> {
    if (this.stalled) throw this.stalled;
    const control = this.connection.control?.bind(this.connection);
    if (!control) throw new TransportError('unknown', `${step}: the reader has no keypad control`);
    const seq = ++this.seq;
    const started = performance.now();
    const { text, masked } = maskedCommandHex(template);
    this.sent(seq, text, masked);
    let answer: Uint8Array;
    let timer: NodeJS.Timeout | undefined;
    try {
      const pending = control(controlCode, structure);
      pending.catch(() => undefined);
      answer = await Promise.race([
        pending,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            this.stalled = new TransportError('timeout', `no answer from the card in ${Math.round(boundMs / 1000)} s`);
            reject(this.stalled);
          }, boundMs);
        }),
      ]);
    } catch (e) {
      this.trace({
        seq,
        command: text,
        masked,
        keypad: true,
        error: isTransportError(e) ? e.kind : 'exception',
        ms: performance.now() - started,
      });
      throw e;
    } finally {
      clearTimeout(timer);
    }
    const ms = performance.now() - started;
    if (answer.length < 2) {
      this.trace({ seq, command: text, masked, keypad: true, response: hex(answer), ms });
      throw new MalformedResponseError(step, { reason: 'too-short', n: answer.length });
    }
    const sw = (answer[answer.length - 2]! << 8) | answer[answer.length - 1]!;
    this.trace({ seq, command: text, masked, keypad: true, response: hex(answer), sw, ms });
    return { data: answer.slice(0, answer.length - 2), sw };
  }

  private async exchange(command: Command, step: string): Promise<Response> {
    if (this.stalled) throw this.stalled;
    const bytes = encodeCommand(command);
    const secret = carriesCodeOrWrites(command);
    const seq = ++this.seq;
    const started = performance.now();
    const { text, masked } = maskedCommandHex(bytes);
    this.sent(seq, text, masked);
    let answer: Uint8Array;
    try {
      answer = await this.bounded(this.connection.transmit(bytes));
    } catch (e) {
      this.trace({ seq, command: text, masked, error: isTransportError(e) ? e.kind : 'exception', ms: performance.now() - started });
      throw e; // a TransportError (card-removed…) passes through unchanged
    } finally {
      // The command held a PIN or PUK block: no copy of it outlives the exchange.
      if (secret) bytes.fill(0);
    }
    const ms = performance.now() - started;
    if (answer.length < 2) {
      this.trace({ seq, command: text, masked, response: hex(answer), ms });
      throw new MalformedResponseError(step, { reason: 'too-short', n: answer.length });
    }
    const sw = (answer[answer.length - 2]! << 8) | answer[answer.length - 1]!;
    this.trace({ seq, command: text, masked, response: hex(answer), sw, ms });
    return { data: answer.slice(0, answer.length - 2), sw };
  }

  /** The card's answer, or TransportError('timeout') once transmitMs has passed. */
  private bounded(pending: Promise<Uint8Array>): Promise<Uint8Array> {
    const ms = this.options.transmitMs;
    if (ms === undefined) return pending;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stalled = new TransportError('timeout', `no answer from the card in ${Math.round(ms / 1000)} s`);
        reject(this.stalled);
      }, ms);
    });
    pending.catch(() => undefined); // a late failure of an abandoned exchange is not an error
    return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
  }

  private sent(seq: number, command: string, masked: boolean): void {
    try {
      this.options.onSent?.(seq, command, masked);
    } catch {
      // An observer must never change what happens with the card.
    }
  }

  private trace(entry: TraceEntry): void {
    if (!this.options.onTrace) return;
    try {
      this.options.onTrace(entry);
    } catch {
      // An observer must never change what happens with the card.
    }
  }
}
