// The one place where the parts meet: a transport (PC/SC or the in-process simulator), the card
// service on top of it, and the machine that drives both.

import { createActor, type Actor } from 'xstate';
import { createCardService } from '../card/cps/service.js';
import { createFixtureCard, FIXTURE_NAMES, isFixtureName, type SimulatedCard } from '../card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../card/transport/in-process.js';
import { loadPcscBinding } from '../card/transport/pcsc-binding.js';
import { createPcscTransport } from '../card/transport/pcsc.js';
import { PCSC_INSTALL_REMEDY } from '../card/transport/pcsc-errors.js';
import type { Transport } from '../card/transport/transport.js';
import { auditMachine, type AuditMachine } from '../machine/machine.js';

export type Started =
  | {
      readonly ok: true;
      readonly actor: Actor<AuditMachine>;
      readonly close: () => Promise<void>;
      /** --demo only: removes the simulated card, or puts it back. */
      readonly toggleCard?: () => void;
    }
  | { readonly ok: false; readonly message: string; readonly exitCode: number };

export function createAudit(transport: Transport, reader?: string): Actor<AuditMachine> {
  const cards = createCardService(transport);
  return createActor(auditMachine, { input: { transport, cards, ...(reader !== undefined ? { reader } : {}) } });
}

/** `load` is the native binding's loader; tests of the missing-library path pass their own. */
export function startPcsc(reader?: string, load: typeof loadPcscBinding = loadPcscBinding): Started {
  const binding = load();
  if (!binding.ok) {
    return {
      ok: false,
      exitCode: 1,
      message:
        "la bibliothèque PC/SC (libpcsclite) ou son module Node (pcsclite) est introuvable.\n" +
        `${PCSC_INSTALL_REMEDY}\n` +
        "Sans lecteur, « cps-audit --demo » montre l'outil avec une carte simulée.\n" +
        `(Détail : ${binding.detail})`,
    };
  }
  const transport = createPcscTransport();
  const actor = createAudit(transport, reader);
  actor.start();
  return { ok: true, actor, close: () => transport.close() };
}

export function demoCardProblem(cardName: string): string | undefined {
  return isFixtureName(cardName) ? undefined : `carte simulée inconnue : ${cardName}. Cartes disponibles : ${FIXTURE_NAMES.join(', ')}.`;
}

/** The simulated card keeps its memory while out of the reader, as a real one does. */
export function startDemo(cardName: string, reader?: string): Started {
  if (!isFixtureName(cardName)) return { ok: false, exitCode: 2, message: demoCardProblem(cardName) ?? '' };
  const transport = new InProcessTransport();
  const card: SimulatedCard = createFixtureCard(cardName);
  transport.insert(DEFAULT_READER, card);
  const actor = createAudit(transport, reader);
  actor.start();
  const toggleCard = () => {
    const present = transport.readers().find((r) => r.name === DEFAULT_READER)?.atr !== undefined;
    if (present) transport.remove(DEFAULT_READER);
    else transport.insert(DEFAULT_READER, card);
  };
  return { ok: true, actor, close: () => transport.close(), toggleCard };
}
