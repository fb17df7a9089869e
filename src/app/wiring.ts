// The one place where the parts meet: a transport (PC/SC or the in-process simulator), the card
// service on top of it, and the machine that drives both. `--trace` wraps the transport (its
// connections, readers and ATRs) and receives the card service's masked APDU entries.

import { createActor, type Actor } from 'xstate';
import type { TraceEntry } from '../card/apdu/trace.js';
import type { CardService } from '../card/cps/card-service.js';
import { createCardService } from '../card/cps/service.js';
import { createFixtureCard, FIXTURE_NAMES, isFixtureName, type SimulatedCard } from '../card/simulator/fixtures.js';
import { InProcessTransport } from '../card/transport/in-process.js';
import { loadPcscBinding } from '../card/transport/pcsc-binding.js';
import { createPcscProcessTransport } from '../card/transport/pcsc-process.js';
import { pcscInstallRemedy } from '../view/failure.js';
import { language, t } from '../i18n/index.js';
import type { Transport } from '../card/transport/transport.js';
import { auditMachine, type AuditMachine } from '../machine/machine.js';
import { maskDigits } from '../view/mask.js';
import { EXIT } from './exit-codes.js';
import { tracedTransport, type TraceFile } from './trace-file.js';

export type Started =
  | {
      readonly ok: true;
      readonly actor: Actor<AuditMachine>;
      readonly close: () => Promise<void>;
      /** --demo only: removes the simulated card, or puts it back. */
      readonly toggleCard?: () => void;
      /** The card service the machine uses (the TUI's save reads nothing more: it uses the snapshot). */
      readonly cards: CardService;
    }
  | { readonly ok: false; readonly message: string; readonly exitCode: number };

/** Where the cards come from: the transport, the card service over it, and how to release both. */
export type Source =
  | {
      readonly ok: true;
      readonly transport: Transport;
      readonly cards: CardService;
      readonly close: () => Promise<void>;
      readonly toggleCard?: () => void;
    }
  | { readonly ok: false; readonly message: string; readonly exitCode: number; readonly bindingMissing?: true };

export function createAudit(
  transport: Transport,
  reader?: string,
  cards: CardService = createCardService(transport, { keypadLanguage: language() }),
  options: {
    readonly noPinpad?: boolean;
    /** The serial of a card whose unblock an earlier run left cut short (the state file, last-run.ts). */
    readonly unblockInterrupted?: string | undefined;
  } = {},
): Actor<AuditMachine> {
  return createActor(auditMachine, {
    input: {
      transport,
      cards,
      ...(reader !== undefined ? { reader } : {}),
      ...(options.noPinpad === true ? { pinpad: false } : {}),
      ...(options.unblockInterrupted !== undefined ? { unblockInterrupted: options.unblockInterrupted } : {}),
    },
  });
}

/** The binding or libpcsclite is missing (in the chosen language). */
export const bindingMissingText = (): string => t('wiring.bindingMissing');

function withTrace(transport: Transport, trace: TraceFile | undefined): { transport: Transport; cards: CardService } {
  const t = trace ? tracedTransport(transport, trace) : transport;
  if (!trace) return { transport: t, cards: createCardService(t, { keypadLanguage: language() }) };
  // Each command written before it leaves, its answer once it came (trace-file.ts).
  const onSent = (seq: number, command: string, masked: boolean) => trace.sent(seq, command, masked);
  return { transport: t, cards: createCardService(t, { onTrace: (e: TraceEntry) => trace.apdu(e), onSent, keypadLanguage: language() }) };
}

/** The readers of pcscd. `load` is the native binding's loader; tests of the missing-library path pass their own. */
export function pcscSource(trace?: TraceFile, load: typeof loadPcscBinding = loadPcscBinding): Source {
  const binding = load();
  if (!binding.ok) {
    trace?.line(t('trace.noBinding', { detail: binding.detail }));
    return {
      ok: false,
      bindingMissing: true,
      exitCode: EXIT.bindingMissing,
      message:
        `${bindingMissingText()}\n` +
        `${pcscInstallRemedy()}\n` +
        `${t('wiring.tryDemo')}\n` +
        t('wiring.detail', { detail: binding.detail }),
    };
  }
  // The card's I/O in a process of its own: a mute card never stops this one (pcsc-process.ts).
  const raw = createPcscProcessTransport();
  const { transport, cards } = withTrace(raw, trace);
  return { ok: true, transport, cards, close: () => raw.close() };
}

export function demoCardProblem(cardName: string): string | undefined {
  return isFixtureName(cardName) ? undefined : t('wiring.unknownCard', { card: maskDigits(cardName), cards: FIXTURE_NAMES.join(', ') });
}

/** The demo's reader, named as a device is (PC/SC reader names are not translated), in every language. */
export const DEMO_READER = 'cps-audit SIM 00';

/**
 * The simulated card, in process; it keeps its memory while out of the reader, as a real one does.
 * realSpeed: it answers at its link's speed (T=0, F and D from its ATR, 4 MHz; link-speed.ts).
 */
export function demoSource(cardName: string, trace?: TraceFile, realSpeed = false): Source {
  if (!isFixtureName(cardName)) return { ok: false, exitCode: EXIT.usage, message: demoCardProblem(cardName) ?? '' };
  // The simulated reader's name: a device name, the same in every language (screen, report, trace; issue 17).
  const reader = DEMO_READER;
  const raw = new InProcessTransport({ readers: [reader], ...(realSpeed ? { realSpeed: {} } : {}) });
  const card: SimulatedCard = createFixtureCard(cardName);
  raw.insert(reader, card);
  const { transport, cards } = withTrace(raw, trace);
  const toggleCard = () => {
    const present = raw.readers().find((r) => r.name === reader)?.atr !== undefined;
    if (present) raw.remove(reader);
    else raw.insert(reader, card);
  };
  return { ok: true, transport, cards, close: () => raw.close(), toggleCard };
}

function start(source: Source, reader?: string): Started {
  if (!source.ok) return source;
  const actor = createAudit(source.transport, reader, source.cards);
  actor.start();
  return { ok: true, actor, close: source.close, cards: source.cards, ...(source.toggleCard ? { toggleCard: source.toggleCard } : {}) };
}

export function startPcsc(reader?: string, load: typeof loadPcscBinding = loadPcscBinding, trace?: TraceFile): Started {
  return start(pcscSource(trace, load), reader);
}

export function startDemo(cardName: string, reader?: string, trace?: TraceFile): Started {
  return start(demoSource(cardName, trace), reader);
}
