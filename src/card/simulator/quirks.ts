// Odd behaviours of real cards, put on a simulated card on purpose, so that the tool is tested
// against them (in process and behind vpcd: `cps-audit simulate --quirk NAME`). OURS: no public
// trace shows a CPS doing these; they are what a card may do and must never cost the user a try.

import type { SimulatedCard } from './fixtures.js';

export const QUIRK_NAMES = ['6c-on-refused-code', 'mute-after-verify', 'mute-during-read', 'short-answer-during-read'] as const;
export type QuirkName = (typeof QUIRK_NAMES)[number];

export function isQuirkName(name: string): name is QuirkName {
  return (QUIRK_NAMES as readonly string[]).includes(name);
}

/**
 * The answer of a card that says nothing: the virtual reader's client (vpcd/virtual-card.ts) then
 * never answers, and pcscd's SCardTransmit waits for it with no end, as with a card stuck in a
 * loop. It is compared by identity.
 */
export const MUTE: Uint8Array = new Uint8Array(0);

const INS_VERIFY = 0x20;
const INS_READ_BINARY = 0xb0;
/** Which READ BINARY goes unanswered (mute-during-read) or gets one byte (short-answer-during-read). */
const NTH_READ = 5;

/** `card` whose every answer goes through `answer` (command, the card's own response). */
function answering(card: SimulatedCard, answer: (command: Uint8Array, run: () => Uint8Array) => Uint8Array): SimulatedCard {
  return new Proxy(card, {
    get(target, prop, receiver) {
      if (prop !== 'transmit') {
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      }
      return (command: Uint8Array): Uint8Array => answer(command, () => target.transmit(command));
    },
  });
}

/** The card, answering as the quirk says; its memory, counters and snapshot are the card's own. */
export function withQuirk(card: SimulatedCard, quirk: QuirkName): SimulatedCard {
  switch (quirk) {
    case 'mute-after-verify': {
      // The first VERIFY that carries a code runs on the card; from then on it says nothing.
      let mute = false;
      return answering(card, (command, run) => {
        if (mute) return MUTE;
        const response = run();
        if (command[1] === INS_VERIFY && command.length > 5) mute = true;
        return mute ? MUTE : response;
      });
    }
    case 'mute-during-read': {
      let reads = 0;
      let mute = false;
      return answering(card, (command, run) => {
        if (command[1] === INS_READ_BINARY && ++reads === NTH_READ) mute = true;
        return mute ? MUTE : run();
      });
    }
    case 'short-answer-during-read': {
      // One READ BINARY answered with one byte (a reader or link garbling the answer), once.
      let reads = 0;
      return answering(card, (command, run) => {
        const response = run();
        return command[1] === INS_READ_BINARY && ++reads === NTH_READ ? response.slice(-1) : response;
      });
    }
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
