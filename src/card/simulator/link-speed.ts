// The time a card link takes, for the simulator to speak as slowly as a real card (issue 14).
// T=0: each byte is 12 etu (start bit, 8 data bits, parity, 2 guard etu); one etu is F/D clock
// cycles, F and D from the ATR's TA1 (F=372, D=1 without it, as a CPS3 has), the reader's clock
// 4 MHz unless said. An exchange costs its command, one procedure byte and its answer, plus the
// card's own time per command when given. A CPS3 (no TA1) moves about 896 bytes a second.

/** Fi by the high nibble of TA1 (ISO 7816-3, table 7); 0: reserved. */
const FI = [372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0];
/** Di by the low nibble of TA1 (table 8); 0: reserved. */
const DI = [0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0];

export const DEFAULT_CLOCK_HZ = 4_000_000;
const ETU_PER_BYTE = 12;

export interface LinkSpeed {
  readonly f: number;
  readonly d: number;
  readonly clockHz: number;
  /** The card's own time for each command (ms). */
  readonly cardMs: number;
}

export interface LinkOptions {
  readonly clockHz?: number;
  readonly cardMs?: number;
}

/** F and D from the ATR's TA1 (default 372 and 1, also for a reserved value). */
export function linkFromAtr(atr: Uint8Array, options: LinkOptions = {}): LinkSpeed {
  let f = 372;
  let d = 1;
  const t0 = atr[1];
  if (t0 !== undefined && (t0 & 0x10) !== 0 && atr[2] !== undefined) {
    const ta1 = atr[2];
    const fi = FI[ta1 >> 4]!;
    const di = DI[ta1 & 0x0f]!;
    if (fi !== 0 && di !== 0) {
      f = fi;
      d = di;
    }
  }
  return { f, d, clockHz: options.clockHz ?? DEFAULT_CLOCK_HZ, cardMs: options.cardMs ?? 0 };
}

/** Milliseconds for one byte on this link. */
export function byteMs(link: LinkSpeed): number {
  return (ETU_PER_BYTE * link.f * 1000) / (link.d * link.clockHz);
}

/** Milliseconds for one exchange: command bytes, one procedure byte, answer bytes, the card's time. */
export function exchangeMs(link: LinkSpeed, commandBytes: number, responseBytes: number): number {
  return (commandBytes + 1 + responseBytes) * byteMs(link) + link.cardMs;
}
