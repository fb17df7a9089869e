// The machine, driven by the real card service over the faulty in-process transport, on a CPS3
// and a CPS4 alike (one walk, one table): an unblock and a change hit at each APDU k by a removal
// (after or before the card ran the command), garbage or a truncated answer. Whatever happens,
// the screen never says "erroné"; a removal lands in `interrupted` with the notice the card
// deserves (may have applied exactly while a write was out: the CPS3's one write, the CPS4's
// unblock from its 2C 03 to its 24 01); once the card is back the screen shows the card's true
// state (the simulator's memory), and an unblock that may have written is still offered.
// Then, on a CPS3: pcscd stopping, the card pulled during the first read, pcscd coming back.

import { interruptedUnblockVerdict, UNBLOCK_APPLIED, UNBLOCK_NOT_APPLIED } from '../../../src/machine/unblock-resume.js';
import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard, type FixtureName, type SimulatedCard } from '../../../src/card/simulator/fixtures.js';
import type { CardSnapshot } from '../../../src/card/simulator/memory.js';
import { DEFAULT_READER, InProcessTransport, type Fault } from '../../../src/card/transport/in-process.js';
import { auditMachine, type AuditMachine } from '../../../src/machine/machine.js';
import { MAY_HAVE_APPLIED, NOTHING_APPLIED } from '../../../src/machine/messages.js';
import { stateInWords } from '../../../src/view/words.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { noticeRemedy, noticeText } from '../../../src/view/failure.js';

type Snap = ReturnType<Actor<AuditMachine>['getSnapshot']>;
type FaultSpec = Fault extends infer F ? (F extends Fault ? Omit<F, 'at'> : never) : never;

const FAULTS: readonly FaultSpec[] = [
  { kind: 'remove-card', executed: true },
  { kind: 'remove-card', executed: false },
  { kind: 'garbage' },
  { kind: 'truncate' },
];

/** Every text the holder can see in this snapshot. */
function words(s: Snap): string {
  const c = s.context;
  return [stateInWords(s), c.notice, c.outcome, c.problem, c.form?.error]
    .map((x) => (typeof x === 'string' ? x : x ? `${noticeText(x)} ${noticeRemedy(x) ?? ''}` : ''))
    .join(' | ');
}

interface Flow {
  readonly generation: 'CPS3' | 'CPS4';
  readonly fixture: FixtureName;
  readonly form: 'unblock' | 'change';
  readonly open: 'OPEN_UNBLOCK' | 'OPEN_CHANGE';
  readonly startState: 'pinBlocked' | 'pinOk';
  readonly fields: readonly string[];
  readonly oldPin: string;
  readonly newPin: string;
  /** The commands (as the trace prints them) of the first and the last write of the operation. */
  readonly firstWrite: string;
  readonly lastWrite: string;
}

const FLOWS: readonly Flow[] = [
  {
    generation: 'CPS3',
    fixture: 'seed',
    form: 'unblock',
    open: 'OPEN_UNBLOCK',
    startState: 'pinBlocked',
    fields: ['12345678', '2468', '2468'],
    oldPin: '1234',
    newPin: '2468',
    firstWrite: '00 2C',
    lastWrite: '00 2C',
  },
  {
    generation: 'CPS3',
    fixture: 'cps3-rpps',
    form: 'change',
    open: 'OPEN_CHANGE',
    startState: 'pinOk',
    fields: ['1234', '2468', '2468'],
    oldPin: '1234',
    newPin: '2468',
    firstWrite: '00 24',
    lastWrite: '00 24',
  },
  {
    generation: 'CPS4',
    fixture: 'cps4',
    form: 'unblock',
    open: 'OPEN_UNBLOCK',
    startState: 'pinBlocked',
    fields: ['12345678', '2468', '2468'],
    oldPin: '1234',
    newPin: '2468',
    firstWrite: '01 2C 03',
    lastWrite: '01 24 01',
  },
  {
    generation: 'CPS4',
    fixture: 'cps4',
    form: 'change',
    open: 'OPEN_CHANGE',
    startState: 'pinOk',
    fields: ['1357', '2468', '2468'],
    oldPin: '1357',
    newPin: '2468',
    firstWrite: '01 24 01',
    lastWrite: '01 24 01',
  },
];

/** The flow's card; a change on the CPS4 starts from a usable PIN (its fixture's is blocked). */
function cardFor(flow: Flow): SimulatedCard {
  const card = createFixtureCard(flow.fixture);
  if (flow.generation === 'CPS4' && flow.form === 'change') card.restore({ ...memoryOf(card), pin: { code: flow.oldPin, triesLeft: 3 } });
  return card;
}

function memoryOf(card: SimulatedCard): CardSnapshot {
  const m = card.snapshot();
  if (m === null) throw new Error('a fixture that keeps no memory');
  return m;
}

interface Writes {
  readonly total: number;
  readonly firstWrite: number;
  readonly lastWrite: number;
}

/** APDUs of the whole operation, and the first and last that change the card. */
async function probe(flow: Flow): Promise<Writes> {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, cardFor(flow));
  const commands: string[] = [];
  const service = createCardService(transport, { onTrace: (t) => commands.push(t.command) });
  // As the machine does: the card is read first (its AODF entries are then known to the service).
  await service.read(DEFAULT_READER);
  // And the tries read again as the form opens (which leaves the card on its MF).
  await service.readCodes(DEFAULT_READER);
  commands.length = 0;
  const before = transport.apduCount;
  if (flow.form === 'unblock') await service.unblockPin(DEFAULT_READER, flow.fields[0]!, flow.newPin);
  else await service.changePin(DEFAULT_READER, flow.oldPin, flow.newPin);
  const at = (p: string) => commands.findIndex((c) => c.startsWith(p)) + 1;
  return { total: transport.apduCount - before, firstWrite: at(flow.firstWrite), lastWrite: at(flow.lastWrite) };
}

async function once(flow: Flow, fault: FaultSpec, k: number, writes: Writes): Promise<string> {
  const transport = new InProcessTransport();
  const card = cardFor(flow);
  const start = memoryOf(card);
  transport.insert(DEFAULT_READER, card);
  const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } }).start();
  const at = `${flow.generation} ${flow.form}: ${fault.kind}${'executed' in fault ? ` (exécutée : ${fault.executed})` : ''} à l’APDU ${k}`;
  const until = (p: (s: Snap) => boolean) =>
    waitFor(actor, p, { timeout: 5000 }).catch((e: unknown) => {
      throw new Error(`${at}: ${words(actor.getSnapshot())} ${JSON.stringify(actor.getSnapshot().value)} ${String(e)}`);
    });
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
        s.matches({ card: { view: { [flow.form]: 'final' } } }) ||
        s.matches({ card: { view: { [flow.form]: 'confirmLastTry' } } }) ||
        s.matches({ card: { view: { [flow.form]: 'entering' } } }),
    );
    transport.clearFaults();
    const applied = () => memoryOf(card).pin.code === flow.newPin;
    let ending: string;
    if (fault.kind === 'remove-card') {
      expect(settled.matches('interrupted'), `${at}: ${words(settled)}`).toBe(true);
      expect(settled.context.notice, at).toEqual(mayHaveApplied ? MAY_HAVE_APPLIED : NOTHING_APPLIED);
      // "Aucun code n'a été modifié" must be true of the card.
      if (!mayHaveApplied) expect(memoryOf(card).pin, at).toEqual(start.pin);
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
      expect(memoryOf(card).pin.code, at).toBe(flow.oldPin);
      ending = 'confirmation demandée (rien envoyé)';
      actor.send({ type: 'CANCEL' });
      actor.send({ type: 'CLOSE_FORM' });
    } else if (settled.matches('reading')) {
      // No clear answer: read again at once; "may have applied" exactly once a write went out,
      // otherwise "nothing changed", and that must be true of the card.
      const maybe = settled.context.notice?.mayHaveApplied === true;
      expect(maybe, `${at}: ${noticeText(settled.context.notice)}`).toBe(k >= writes.firstWrite);
      if (!maybe) expect(memoryOf(card).pin.code, at).toBe(flow.oldPin);
      ending = maybe ? 'relue (a pu être appliquée)' : 'relue (rien de modifié)';
    } else if (settled.matches({ card: { view: { [flow.form]: 'final' } } })) {
      // A message that ends the flow (the card's format unreadable: nothing sent); Esc reads the card.
      expect(noticeText(settled.context.outcome), at).toMatch(/aucun code n’a été envoyé/);
      expect(memoryOf(card).pin.code, at).toBe(flow.oldPin);
      ending = 'message final';
      actor.send({ type: 'CLOSE_FORM' });
    } else {
      ending = 'formulaire';
      expect(memoryOf(card).pin.code, `${at}: back to the form, nothing may have changed`).toBe(flow.oldPin);
      actor.send({ type: 'CLOSE_FORM' });
    }
    // The true state, once the card is back: what the card's memory says.
    const truth = memoryOf(card).pin.triesLeft === 0 ? 'pinBlocked' : 'pinOk';
    const end = await until((s) => s.matches({ card: { codes: truth } }) && s.matches({ card: { view: 'browsing' } }));
    expect(end.context.report?.pin.triesLeft, at).toBe(memoryOf(card).pin.triesLeft);
    expect(end.context.report?.puk.triesLeft, at).toBe(memoryOf(card).puk.triesLeft);
    // After an unblock that may have written, the counters read back decide the words (issue 17):
    // a PIN still blocked, not applied; a CPS3's PIN back to its maximum, applied; else (a CPS4's
    // tries back with the old code possible) it may have applied, and the unblock stays offered.
    const verdict = flow.form === 'unblock' && end.context.report ? interruptedUnblockVerdict(end.context.report) : 'unknown';
    const decided = verdict === 'applied' ? UNBLOCK_APPLIED : verdict === 'notApplied' ? UNBLOCK_NOT_APPLIED : MAY_HAVE_APPLIED;
    if (fault.kind === 'remove-card' && mayHaveApplied) expect(end.context.notice, at).toEqual(decided);
    // An unblock that may have written (a CPS4's 2C 03 without its 24 01 leaves the tries back
    // and the old code) stays offered on this card, whatever its PIN shows; nothing else adds it.
    const saidMayHaveApplied = [settled.context.notice, settled.context.outcome].some((n) => n?.mayHaveApplied === true);
    const unblockOffered = truth === 'pinBlocked' || (flow.form === 'unblock' && saidMayHaveApplied && verdict === 'unknown');
    expect(end.can({ type: 'OPEN_UNBLOCK' }), `${at}: unblock offered`).toBe(unblockOffered);
    // Never "code erroné" for a removal or a garbled answer, on any screen shown on the way.
    for (const w of seen) expect(w, at).not.toMatch(/erron/i);
    return `${ending}${applied() ? ' (appliquée)' : ''}`;
  } finally {
    actor.stop();
    await transport.close();
  }
}

describe('the machine over a faulty card at each APDU', () => {
  for (const flow of FLOWS) {
    it(`${flow.generation} ${flow.form} (${flow.fixture})`, async () => {
      const writes = await probe(flow);
      expect(writes.firstWrite, 'the write is among the operation’s APDUs').toBeGreaterThan(0);
      const endings = new Map<string, number>();
      for (const fault of FAULTS) {
        for (let k = 1; k <= writes.total; k++) {
          const ending = await once(flow, fault, k, writes);
          endings.set(ending, (endings.get(ending) ?? 0) + 1);
        }
      }
      console.log(
        `machine ${flow.generation} ${flow.form}/${flow.fixture} : ${writes.total} APDU × ${FAULTS.length} pannes ; ` +
          [...endings].map(([e, n]) => `${e} ×${n}`).join(', '),
      );
      expect([...endings.values()].reduce((a, b) => a + b, 0)).toBe(writes.total * FAULTS.length);
    });
  }
});

describe('pcscd stopping after each APDU of an unblock, through the machine', () => {
  it('says the service went away, then shows the card’s true state once it is back; never "erroné"', async () => {
    const { total } = await probe(FLOWS[0]!);
    const endings = new Map<string, number>();
    for (let k = 1; k <= total; k++) {
      const transport = new InProcessTransport();
      const card = createFixtureCard('seed');
      transport.insert(DEFAULT_READER, card);
      // The trace is told of each APDU once it is answered: pcscd goes away right after the k-th.
      let armed = false;
      let seen = 0;
      const onTrace = () => {
        if (armed && ++seen === k) transport.stopService();
      };
      const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport, { onTrace }) } }).start();
      const until = (p: (s: Snap) => boolean) => waitFor(actor, p, { timeout: 5000 });
      const at = `pcscd arrêté après l’APDU ${k}/${total}`;
      const shown: string[] = [];
      actor.subscribe((s) => shown.push(words(s)));
      try {
        await until((s) => s.matches({ card: { codes: 'pinBlocked' } }));
        actor.send({ type: 'OPEN_UNBLOCK' });
        await until((s) => s.matches({ card: { view: { unblock: 'entering' } } }));
        for (const f of FLOWS[0]!.fields) {
          for (const ch of f) actor.send(digitsEvent(ch));
          actor.send({ type: 'NEXT_FIELD' });
        }
        armed = true;
        actor.send({ type: 'SUBMIT' });
        const settled = await until((s) => s.matches('serviceUnavailable') || s.matches('done'));
        const ending = settled.matches('done') ? 'réussie' : 'service perdu';
        endings.set(ending, (endings.get(ending) ?? 0) + 1);
        if (settled.matches('done')) expect(memoryOf(card).pin.code, at).toBe('2468');
        transport.startService();
        if (settled.matches('done')) {
          transport.remove(DEFAULT_READER);
          await until((s) => s.matches({ done: 'waitReinsert' }) || s.matches('noCard'));
          transport.insert(DEFAULT_READER, card);
        }
        const truth = memoryOf(card).pin.triesLeft === 0 ? 'pinBlocked' : 'pinOk';
        const end = await until((s) => s.matches({ card: { codes: truth } }));
        expect(end.context.report?.pin.triesLeft, at).toBe(memoryOf(card).pin.triesLeft);
        expect(end.context.report?.puk.triesLeft, at).toBe(memoryOf(card).puk.triesLeft);
        for (const w of shown) expect(w, at).not.toMatch(/erron/i);
        expect(shown.some((w) => /pcscd|PC\/SC/.test(w)) || settled.matches('done'), at).toBe(true);
      } finally {
        actor.stop();
        await transport.close();
      }
    }
    console.log(
      `machine, pcscd arrêté après chaque APDU du déblocage : ${total} cas essayés, ${total} tenus ; ${[...endings].map(([e, n]) => `${e} ×${n}`).join(', ')}`,
    );
  });
});

describe('the card pulled at each APDU of the first read, through the machine', () => {
  it('says the card is gone (never a code error), then reads it in full once back', async () => {
    const probeT = new InProcessTransport();
    probeT.insert(DEFAULT_READER, createFixtureCard('seed'));
    await createCardService(probeT).read(DEFAULT_READER);
    const total = probeT.apduCount;
    const states = new Map<string, number>();
    for (let k = 1; k <= total; k++) {
      const transport = new InProcessTransport();
      const card = createFixtureCard('seed');
      transport.insert(DEFAULT_READER, card);
      transport.injectFault({ at: k, kind: 'remove-card' });
      const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } }).start();
      const until = (p: (s: Snap) => boolean) => waitFor(actor, p, { timeout: 5000 });
      const shown: string[] = [];
      actor.subscribe((s) => shown.push(words(s)));
      try {
        // A removal while the certificates come leaves the first part on screen for that long only.
        const gone = await until((s) => s.matches('noCard') || s.matches('readFailed') || s.matches({ card: { rest: 'complete' } }));
        const early = shown.some((w) => w.startsWith('Carte lue'));
        const state = `${stateInWords(gone)}${early ? ' (après la 1re partie à l’écran)' : ''}`;
        states.set(state, (states.get(state) ?? 0) + 1);
        expect(gone.matches('card'), `APDU ${k}: ${state}`).toBe(false);
        transport.insert(DEFAULT_READER, card);
        const back = await until((s) => s.matches({ card: { codes: 'pinBlocked', rest: 'complete' } }));
        expect(back.context.report?.serial, `APDU ${k}`).toEqual({ ok: true, value: '99002752' });
        for (const w of shown) expect(w, `APDU ${k}`).not.toMatch(/erron/i);
      } finally {
        actor.stop();
        await transport.close();
      }
    }
    console.log(
      `machine, carte retirée à chaque APDU de la lecture : ${total} cas essayés, ${total} tenus ; ${[...states].map(([e, n]) => `« ${e} » ×${n}`).join(', ')}`,
    );
  });
});

describe('pcscd coming (back) up, through the machine', () => {
  it('never shows "Aucun lecteur" while the reader list is on its way', async () => {
    for (const when of ['au démarrage', 'après un arrêt'] as const) {
      const transport = new InProcessTransport();
      transport.insert(DEFAULT_READER, createFixtureCard('cps3-rpps'));
      if (when === 'au démarrage') transport.stopService();
      const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } }).start();
      const until = (p: (s: Snap) => boolean) => waitFor(actor, p, { timeout: 5000 });
      const states: string[] = [];
      actor.subscribe((s) => states.push(stateInWords(s)));
      try {
        if (when === 'après un arrêt') {
          await until((s) => s.matches({ card: { codes: 'pinOk' } }));
          transport.stopService();
        }
        await until((s) => s.matches('serviceUnavailable'));
        states.length = 0;
        transport.startService();
        await until((s) => s.matches({ card: { codes: 'pinOk' } }));
        expect(states, when).not.toContain('Aucun lecteur');
      } finally {
        actor.stop();
        await transport.close();
      }
    }
  });
});
