// The Cryptolib's recovery (spec §2): when a CPS3 answers 6E 00 or 6A 86 — typically because
// another program left another applet selected — it reselects the IAS "ECC root" applet and
// resends the command once. Neither status word means the command ran, so resending spends
// nothing. Every command of a session goes through here.

import type { Command } from '../apdu/command.js';
import { ApduError } from '../apdu/errors.js';
import type { ApduProtocol, Response } from '../apdu/protocol.js';
import { SW } from '../apdu/status-words.js';

export interface Recovery {
  /** Status words after which the card is reselected and the command resent once. */
  readonly onSw: readonly number[];
  /** Commands that reselect (CLA for channel 0; the protocol adds the session's channel). */
  readonly commands: readonly Command[];
}

export class CommandChannel {
  constructor(
    private readonly protocol: ApduProtocol,
    private readonly recovery: Recovery | null,
  ) {}

  get apduCount(): number {
    return this.protocol.apduCount;
  }

  async transmit(command: Command, step: string): Promise<Response> {
    const first = await this.protocol.transmit(command, step);
    if (!this.recovery || !this.recovery.onSw.includes(first.sw)) return first;
    for (const c of this.recovery.commands) {
      const r = await this.protocol.transmit(c, `${step} (resélection)`);
      if (r.sw !== SW.OK) return first; // the card refuses the recovery: report the first answer
    }
    return this.protocol.transmit(command, step);
  }

  async send(command: Command, step: string, accept: readonly number[] = []): Promise<Response> {
    const r = await this.transmit(command, step);
    if (r.sw !== SW.OK && !accept.includes(r.sw)) throw new ApduError(r.sw, step);
    return r;
  }
}
