// Odd behaviours of real cards, put on a simulated card on purpose, so that the tool is tested
// against them (in process and behind vpcd: `cps-audit simulate --quirk NAME`). OURS: no public
// trace shows a CPS doing these; they are what a card may do and must never cost the user a try.

import type { SimulatedCard } from './fixtures.js';

export const QUIRK_NAMES = ['6c-on-refused-code'] as const;
export type QuirkName = (typeof QUIRK_NAMES)[number];

export function isQuirkName(name: string): name is QuirkName {
  return (QUIRK_NAMES as readonly string[]).includes(name);
}

/** The card, answering as the quirk says; its memory, counters and snapshot are the card's own. */
export function withQuirk(card: SimulatedCard, quirk: QuirkName): SimulatedCard {
  switch (quirk) {
    case '6c-on-refused-code':
      return new Proxy(card, {
        get(target, prop, receiver) {
          if (prop !== 'transmit') {
            const v: unknown = Reflect.get(target, prop, receiver);
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          }
          return (command: Uint8Array): Uint8Array => {
            const response = target.transmit(command);
            const ins = command[1];
            const withData = command.length > 5;
            const sw1 = response[response.length - 2];
            const sw2 = response[response.length - 1] ?? 0;
            // A VERIFY that carried a code and was refused (63 Cx): the try is spent, the answer odd.
            if (ins === 0x20 && withData && sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return Uint8Array.of(0x6c, 0x08);
            return response;
          };
        },
      });
  }
}
