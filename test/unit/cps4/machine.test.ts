// The machine over the faulty in-process transport with the cps4 card: an unblock and a change
// hit at each APDU k by a removal (after or before the card ran the command), garbage or a
// truncated answer. The screen never says "erroné"; a removal is "interrupted" with the notice
// the CPS4 deserves (may have applied from the unblock's 2C on, or during the change's 24); once
// the card is back the screen shows what the card holds, and an unblock that may have written
// is still offered.

import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard, type Cps4FixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { auditMachine, type AuditMachine } from '../../../src/machine/machine.js';
import { MAY_HAVE_APPLIED, NOTHING_APPLIED } from '../../../src/machine/messages.js';
import { stateInWords } from '../../../src/machine/selectors.js';
import { digitsEvent } from '../../../src/machine/events.js';

type Snap = ReturnType<Actor<AuditMachine>['getSnapshot']>;

const FAULTS = [
  { kind: 'remove-card', executed: true },
  { kind: 'remove-card', executed: false },
  { kind: 'garbage' },
  { kind: 'truncate' },
] as const;
type FaultSpec = (typeof FAULTS)[number];

function words(s: Snap): string {
  const c = s.context;
  return [stateInWords(s), c.notice, c.outcome, c.problem, c.form?.error]
    .map((x) => (typeof x === 'string' ? x : x ? `${x.text} ${x.remedy ?? ''}` : ''))
    .join(' | ');
}

interface Flow {
  readonly form: 'unblock' | 'change';
  readonly open: 'OPEN_UNBLOCK' | 'OPEN_CHANGE';
  readonly startState: 'pinBlocked' | 'pinOk';
  readonly fields: readonly string[];
  readonly oldPin: string;
  readonly newPin: string;
}

const FLOWS: readonly Flow[] = [
  { form: 'unblock', open: 'OPEN_UNBLOCK', startState: 'pinBlocked', fields: ['12345678', '2468', '2468'], oldPin: '1234', newPin: '2468' },
  { form: 'change', open: 'OPEN_CHANGE', startState: 'pinOk', fields: ['1357', '2468', '2468'], oldPin: '1357', newPin: '2468' },
];

function cps4(flow: Flow): Cps4FixtureCard {
  const card = createFixtureCard('cps4') as Cps4FixtureCard;
  if (flow.form === 'change') card.restore({ ...card.snapshot(), pin: { code: flow.oldPin, triesLeft: 3 } });
  return card;
}

/** APDUs of the whole operation, and the first and last that change the card. */
async function probe(flow: Flow): Promise<{ total: number; firstWrite: number; lastWrite: number }> {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, cps4(flow));
  const commands: string[] = [];
  const service = createCardService(transport, { onTrace: (t) => commands.push(t.command) });
  // As the machine does: the card is read first (its AODF entries are then known to the service).
  await service.read(DEFAULT_READER);
  commands.length = 0;
  const before = transport.apduCount;
  if (flow.form === 'unblock') await service.unblockPin(DEFAULT_READER, flow.fields[0]!, flow.newPin);
  else await service.changePin(DEFAULT_READER, flow.oldPin, flow.newPin);
  const at = (p: string) => commands.findIndex((c) => c.startsWith(p)) + 1;
  return {
    total: transport.apduCount - before,
    firstWrite: flow.form === 'unblock' ? at('01 2C 03') : at('01 24 01'),
    lastWrite: at('01 24 01'),
  };
}

async function once(flow: Flow, fault: FaultSpec, k: number, writes: { firstWrite: number; lastWrite: number }): Promise<string> {
  const transport = new InProcessTransport();
  const card = cps4(flow);
  transport.insert(DEFAULT_READER, card);
  const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } }).start();
  const until = (p: (s: Snap) => boolean) =>
    waitFor(actor, p, { timeout: 5000 }).catch((e: unknown) => {
      throw new Error(`${at}: ${words(actor.getSnapshot())} ${JSON.stringify(actor.getSnapshot().value)} ${String(e)}`);
    });
  const at = `${flow.form}: ${fault.kind}${'executed' in fault ? ` (exécutée : ${fault.executed})` : ''} à l’APDU ${k}`;
  const mayHaveApplied = k >= writes.firstWrite && k <= writes.lastWrite;
  const seen: string[] = [];
  actor.subscribe((s) => seen.push(words(s)));
  try {
    await until((s) => s.matches({ card: { codes: flow.startState } }));
    actor.send({ type: flow.open });
    await until((s) => s.matches({ card: { view: { [flow.form]: 'entering' } } }));
    for (const f of flow.fields) {
      for (const ch of f) actor.send(digitsEvent(ch));
      actor.send({ type: 'NEXT_FIELD' });
    }
    transport.injectFault({ ...fault, at: k });
    actor.send({ type: 'SUBMIT' });
    const settled = await until(
      (s) =>
        s.matches('interrupted') ||
        s.matches('done') ||
        s.matches('reading') ||
        s.matches({ card: { view: { [flow.form]: 'confirmLastTry' } } }) ||
        s.matches({ card: { view: { [flow.form]: 'final' } } }) ||
        s.matches({ card: { view: { [flow.form]: 'entering' } } }),
    );
    transport.clearFaults();
    const applied = () => card.snapshot().pin.code === flow.newPin;
    let ending: string;
    if (fault.kind === 'remove-card') {
      expect(settled.matches('interrupted'), `${at}: ${words(settled)}`).toBe(true);
      expect(settled.context.notice, at).toEqual(mayHaveApplied ? MAY_HAVE_APPLIED : NOTHING_APPLIED);
      if (!mayHaveApplied)
        expect(card.snapshot().pin, at).toMatchObject({ code: flow.oldPin, triesLeft: flow.startState === 'pinBlocked' ? 0 : 3 });
      ending = 'interrompue';
      transport.insert(DEFAULT_READER, card);
    } else if (settled.matches('done')) {
      expect(applied(), `${at}: success said, the card must hold the new PIN`).toBe(true);
      ending = 'réussie';
      await until((s) => s.matches({ done: 'waitRemoval' }));
      transport.remove(DEFAULT_READER);
      await until((s) => s.matches({ done: 'waitReinsert' }));
      transport.insert(DEFAULT_READER, card);
    } else if (settled.matches({ card: { view: { [flow.form]: 'confirmLastTry' } } })) {
      // The tries, read again just before sending, came back unreadable: nothing is sent unconfirmed.
      expect(settled.context.form?.lastTry?.triesLeft, at).toBeNull();
      expect(card.snapshot().pin.code, at).toBe(flow.oldPin);
      ending = 'confirmation demandée (rien envoyé)';
      actor.send({ type: 'CANCEL' });
      actor.send({ type: 'CLOSE_FORM' });
    } else if (settled.matches('reading')) {
      // No clear answer: read again at once; "may have applied" exactly once a write went out.
      const maybe = /a pu être appliquée ou non/.test(settled.context.notice?.text ?? '');
      expect(maybe, `${at}: ${settled.context.notice?.text}`).toBe(k >= writes.firstWrite);
      if (!maybe) expect(card.snapshot().pin.code, at).toBe(flow.oldPin);
      ending = maybe ? 'relue (a pu être appliquée)' : 'relue (rien de modifié)';
    } else if (settled.matches({ card: { view: { [flow.form]: 'final' } } })) {
      expect(settled.context.outcome?.text, at).toMatch(/aucun code n’a été envoyé/);
      expect(card.snapshot().pin.code, at).toBe(flow.oldPin);
      ending = 'message final';
      actor.send({ type: 'CLOSE_FORM' });
    } else {
      ending = 'formulaire';
      expect(card.snapshot().pin.code, `${at}: back to the form, nothing may have changed`).toBe(flow.oldPin);
      actor.send({ type: 'CLOSE_FORM' });
    }
    const truth = card.snapshot().pin.triesLeft === 0 ? 'pinBlocked' : 'pinOk';
    const end = await until((s) => s.matches({ card: { codes: truth } }) && s.matches({ card: { view: 'browsing' } }));
    expect(end.context.report?.pin.triesLeft, at).toBe(card.snapshot().pin.triesLeft);
    expect(end.context.report?.puk.triesLeft, at).toBe(card.snapshot().puk.triesLeft);
    // An unblock that may have written (2C 03 without its 24 01 leaves the tries back and the
    // old code) stays offered on this card, whatever its PIN shows; nothing else adds it.
    const saidMayHaveApplied = [settled.context.notice, settled.context.outcome].some((n) => /a pu être appliquée/.test(n?.text ?? ''));
    const unblockOffered = truth === 'pinBlocked' || (flow.form === 'unblock' && saidMayHaveApplied);
    expect(end.can({ type: 'OPEN_UNBLOCK' }), `${at}: unblock offered`).toBe(unblockOffered);
    for (const w of seen) expect(w, at).not.toMatch(/erron/i);
    return `${ending}${applied() ? ' (appliquée)' : ''}`;
  } finally {
    actor.stop();
    await transport.close();
  }
}

describe('the machine over a faulty CPS4 at each APDU', () => {
  for (const flow of FLOWS) {
    it(flow.form, async () => {
      const p = await probe(flow);
      const endings = new Map<string, number>();
      for (const fault of FAULTS) {
        for (let k = 1; k <= p.total; k++) {
          const ending = await once(flow, fault, k, p);
          endings.set(ending, (endings.get(ending) ?? 0) + 1);
        }
      }
      console.log(
        `machine CPS4 ${flow.form} : ${p.total} APDU × ${FAULTS.length} pannes ; ` + [...endings].map(([e, n]) => `${e} ×${n}`).join(', '),
      );
      expect([...endings.values()].reduce((a, b) => a + b, 0)).toBe(p.total * FAULTS.length);
    });
  }
});
