// Connects a simulated card (ApduCard) to vsmartcard-vpcd, the pcscd driver of a virtual reader.
// Connecting the TCP socket is inserting the card; closing it is removing it. The card's memory
// lives in the ApduCard, so a removed card comes back as it left.

import net from 'node:net';
import type { ApduCard } from '../simulator/apdu-card.js';
import { exchangeMs, linkFromAtr, type LinkOptions } from '../simulator/link-speed.js';
import { FrameReader, frame } from './frames.js';
import { MUTE } from '../simulator/quirks.js';

export const VPCD_PORT = 35963;

const POWER_OFF = 0x00;
const POWER_ON = 0x01;
const RESET = 0x02;
const GET_ATR = 0x04;

export interface VirtualCardOptions {
  readonly host?: string;
  readonly port?: number;
  /** vpcd closed the connection by itself (pcscd stopped), not through remove(). */
  readonly onLost?: () => void;
  /** Every APDU exchanged, for counting in tests and measurements. Commands may hold codes: never log them. */
  readonly onApdu?: (command: Uint8Array, response: Uint8Array) => void;
  /** The card left during a command, as asked by removeDuring(). */
  readonly onPulled?: (command: Uint8Array) => void;
  /** Each answer is held for its exchange's time at the card's F and D (link-speed.ts). */
  readonly realSpeed?: LinkOptions;
  /** The card ran the command asked by holdDuring() and keeps its answer until releaseHeld(). */
  readonly onHeld?: (command: Uint8Array) => void;
}

export class VirtualCard {
  private socket: net.Socket | undefined;
  private pullCountdown: number | undefined;
  private holdCountdown: number | undefined;
  private held: (() => void) | undefined;
  private readonly host: string;
  private readonly port: number;

  constructor(
    private readonly card: ApduCard,
    private readonly options: VirtualCardOptions = {},
  ) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? VPCD_PORT;
  }

  get inserted(): boolean {
    return this.socket !== undefined;
  }

  /** Inserts the card: resolves once vpcd accepted the connection; rejects if it is unreachable. */
  insert(): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true); // one APDU per segment: no Nagle delay on our side
      const reader = new FrameReader();
      const onConnectError = (e: Error) => {
        socket.destroy();
        reject(e);
      };
      socket.once('error', onConnectError);
      socket.once('connect', () => {
        socket.off('error', onConnectError);
        socket.on('error', () => socket.destroy()); // 'close' follows and reports the loss
        this.socket = socket;
        resolve();
      });
      socket.on('data', (chunk: Buffer) => {
        for (const msg of reader.push(chunk)) this.handle(socket, msg);
      });
      socket.on('close', () => {
        if (this.socket !== socket) return;
        this.socket = undefined;
        this.options.onLost?.();
      });
    });
  }

  /**
   * Pulls the card during the n-th next command APDU: the card runs it, then leaves without
   * answering, as a holder pulling the card mid-operation. Tests use it to hit an exact step.
   */
  removeDuring(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('removeDuring: n ≥ 1');
    this.pullCountdown = n;
  }

  /**
   * Holds the answer to the n-th next command APDU: the card runs it, then keeps its answer until
   * releaseHeld(). Tests use it to act (close a terminal, stop a process) while a command is out.
   */
  holdDuring(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('holdDuring: n ≥ 1');
    this.holdCountdown = n;
  }

  /** Gives the held answer, and cancels a hold not reached yet (false: none was held). */
  releaseHeld(): boolean {
    this.holdCountdown = undefined;
    const give = this.held;
    this.held = undefined;
    give?.();
    return give !== undefined;
  }

  /** Removes the card: closes the connection; resolves when it is closed. */
  remove(): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    this.socket = undefined;
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      socket.destroySoon();
    });
  }

  private handle(socket: net.Socket, msg: Uint8Array): void {
    if (msg.length === 1) {
      switch (msg[0]) {
        case GET_ATR:
          socket.write(frame(this.card.atr));
          return;
        case POWER_ON:
        case RESET:
        case POWER_OFF:
          // A power cycle or reset forgets any verified code, as a real card does.
          this.card.reset();
          return;
        default:
          return;
      }
    }
    const response = this.card.transmit(msg);
    if (response === MUTE) return; // a card that says nothing: vpcd waits, and pcscd with it
    this.options.onApdu?.(msg, response);
    if (this.pullCountdown !== undefined && --this.pullCountdown === 0) {
      this.pullCountdown = undefined;
      void this.remove().then(() => this.options.onPulled?.(msg));
      return;
    }
    if (this.holdCountdown !== undefined && --this.holdCountdown === 0) {
      this.holdCountdown = undefined;
      this.held = () => {
        if (this.socket === socket) socket.write(frame(response));
      };
      this.options.onHeld?.(msg);
      return;
    }
    const link = this.options.realSpeed;
    if (!link) {
      socket.write(frame(response));
      return;
    }
    // vpcd waits for this answer before the next command: holding it is the link's time.
    setTimeout(
      () => {
        if (this.socket === socket) socket.write(frame(response));
      },
      exchangeMs(linkFromAtr(this.card.atr, link), msg.length, response.length),
    );
  }
}
