// The Cryptolib's recovery (docs/card.md §2, §3): when a CPS3 answers 6E 00 or 6A 86 — typically because
// another program left another applet selected — it reselects the IAS "ECC root" applet and
// resends the command once; a CPS4 that answers 69 85 or 68 81 has lost its ChipDoc applet (or
// channel 1) and gets three SELECTs, one of them on channel 0. None of these status words means
// the command ran. Every command of a session goes through here.
//
// Only a command that carries no code and writes nothing is sent again after the reselection
// (docs/card.md §2): a VERIFY with a code, CHANGE REFERENCE DATA or RESET RETRY COUNTER goes to
// the card once per action of the user, whatever it answers. The card is still reselected, so
// that the user's next action finds it ready, and the first answer is returned.

import type { Command } from '../apdu/command.js';
import { ApduError } from '../apdu/errors.js';
import type { ApduProtocol, Response } from '../apdu/protocol.js';
import { SW } from '../apdu/status-words.js';
import { carriesCodeOrWrites } from '../apdu/trace.js';

export interface Recovery {
  /** Status words after which the card is reselected and the command resent once. */
  readonly onSw: readonly number[];
  /** Commands that reselect (CLA for channel 0; the protocol adds the session's channel). */
  readonly commands: readonly RecoveryCommand[];
}

/** `channel` when the command goes to another channel than the session's (CPS4: 0). */
export type RecoveryCommand = Command & { readonly channel?: number };

export class CommandChannel {
  constructor(
    private readonly protocol: ApduProtocol,
    private readonly recovery: Recovery | null,
  ) {}

  /** Recoveries run so far: a card that lost its applet also forgot what was verified. */
  recoveries = 0;

  get apduCount(): number {
    return this.protocol.apduCount;
  }

  async transmit(command: Command, step: string): Promise<Response> {
    const first = await this.protocol.transmit(command, step);
    if (!this.recovery || !this.recovery.onSw.includes(first.sw)) return first;
    this.recoveries++;
    for (const { channel, ...c } of this.recovery.commands) {
      const r = await this.protocol.transmit(c, `${step} (reselect)`, channel);
      if (r.sw !== SW.OK) return first; // the card refuses the recovery: report the first answer
    }
    if (carriesCodeOrWrites(command)) return first;
    return this.protocol.transmit(command, step);
  }

  /** CLA 00 on the session's channel (a keypad command's template is built with it). */
  get cla(): number {
    return this.protocol.cla;
  }

  /**
   * Issue 20: a command built by the reader from its keypad. It carries a code: never resent; a
   * lost applet is still reselected for the next action, and the first answer returned.
   */
  async keypad(
    controlCode: number,
    built: { structure: Uint8Array; template: Uint8Array },
    step: string,
    boundMs: number,
  ): Promise<Response> {
    const first = await this.protocol.keypad(controlCode, built.structure, built.template, step, boundMs);
    if (!this.recovery || !this.recovery.onSw.includes(first.sw)) return first;
    this.recoveries++;
    for (const { channel, ...c } of this.recovery.commands) {
      const r = await this.protocol.transmit(c, `${step} (reselect)`, channel);
      if (r.sw !== SW.OK) break;
    }
    return first;
  }

  async send(command: Command, step: string, accept: readonly number[] = []): Promise<Response> {
    const r = await this.transmit(command, step);
    if (r.sw !== SW.OK && !accept.includes(r.sw)) throw new ApduError(r.sw, step);
    return r;
  }
}
