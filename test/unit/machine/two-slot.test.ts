// Readers as in surgeries (issue 12): a two-slot reader shows as two PC/SC readers, the patient's
// Vitale card in one, the CPS in the other. Exactly one CPS: the tool goes to it without asking,
// and stays with it (a Vitale card coming or going, or the CPS pulled for a moment, does not take
// the tool to the patient's card). Two CPS: it asks.

import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { InProcessTransport } from '../../../src/card/transport/in-process.js';
import { auditMachine, type AuditMachine } from '../../../src/machine/machine.js';
import { pickReader } from '../../../src/machine/readers.js';
import { mustChoose } from '../../../src/machine/guards.js';
import { identifyCard } from '../../../src/card/cps/identify.js';

type Snap = ReturnType<Actor<AuditMachine>['getSnapshot']>;

const SLOT_A = 'Lecteur bi-fente 00';
const SLOT_B = 'Lecteur bi-fente 01';
const THIRD = 'Lecteur bureau 00';

function bench(readers = [SLOT_A, SLOT_B]) {
  const transport = new InProcessTransport({ readers });
  const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } });
  const seen: string[] = [];
  actor.subscribe((s) => {
    if (s.matches('choosingReader')) seen.push('choosingReader');
    if (s.matches('cardUnrecognised')) seen.push('cardUnrecognised');
  });
  const until = (p: (s: Snap) => boolean) => waitFor(actor, p, { timeout: 5000 });
  return { transport, actor, seen, until };
}

const isCps = (atr: Uint8Array) => identifyCard(atr).model !== 'inconnu';
const VITALE = createFixtureCard('vitale').atr;
const CPS = createFixtureCard('cps3-public').atr;

describe('two-slot reader: Vitale in one slot, CPS in the other', () => {
  it('goes to the CPS without asking, whichever slot holds it', async () => {
    for (const [vitaleSlot, cpsSlot] of [
      [SLOT_A, SLOT_B],
      [SLOT_B, SLOT_A],
    ] as const) {
      const b = bench();
      b.transport.insert(vitaleSlot, createFixtureCard('vitale'));
      b.transport.insert(cpsSlot, createFixtureCard('cps3-public'));
      b.actor.start();
      await b.until((s) => s.matches({ card: { codes: 'pinOk' } }));
      const c = b.actor.getSnapshot().context;
      expect(c.selected).toBe(cpsSlot);
      expect(c.report?.serial).toEqual({ ok: true, value: '99213845' });
      expect(b.seen).toEqual([]);
      b.actor.stop();
      await b.transport.close();
    }
  });

  it('the Vitale card alone at start ("carte non reconnue"), then the CPS in the other slot: the tool goes to it', async () => {
    const b = bench();
    b.transport.insert(SLOT_A, createFixtureCard('vitale'));
    b.actor.start();
    await b.until((s) => s.matches('cardUnrecognised'));
    b.transport.insert(SLOT_B, createFixtureCard('cps3-public'));
    await b.until((s) => s.matches({ card: { codes: 'pinOk' } }));
    expect(b.actor.getSnapshot().context.selected).toBe(SLOT_B);
    b.actor.stop();
    await b.transport.close();
  });

  it('stays on the CPS while the Vitale card comes and goes, and when the CPS is pulled and put back', async () => {
    const b = bench();
    const cps = createFixtureCard('cps3-public');
    b.transport.insert(SLOT_B, cps);
    b.actor.start();
    await b.until((s) => s.matches({ card: { codes: 'pinOk' } }));
    b.transport.insert(SLOT_A, createFixtureCard('vitale'));
    await b.until((s) => s.context.readers.filter((r) => r.atr).length === 2);
    expect(b.actor.getSnapshot().matches('card')).toBe(true);
    b.transport.remove(SLOT_A);
    b.transport.insert(SLOT_A, createFixtureCard('vitale'));
    // The CPS leaves: the tool waits for it on its reader, not on the patient's card.
    b.transport.remove(SLOT_B);
    await b.until((s) => s.matches('noCard'));
    expect(b.actor.getSnapshot().context.selected).toBe(SLOT_B);
    b.transport.insert(SLOT_B, cps);
    await b.until((s) => s.matches({ card: { codes: 'pinOk' } }));
    expect(b.actor.getSnapshot().context.selected).toBe(SLOT_B);
    expect(b.seen).toEqual([]);
    b.actor.stop();
    await b.transport.close();
  });

  it('asks only between two CPS, the Vitale card aside', async () => {
    const b = bench([SLOT_A, SLOT_B, THIRD]);
    b.transport.insert(SLOT_A, createFixtureCard('vitale'));
    b.transport.insert(SLOT_B, createFixtureCard('cps3-public'));
    b.transport.insert(THIRD, createFixtureCard('seed'));
    b.actor.start();
    await b.until((s) => s.matches('choosingReader'));
    b.actor.send({ type: 'SELECT_READER', name: THIRD });
    await b.until((s) => s.matches({ card: { codes: 'pinBlocked' } }));
    b.actor.stop();
    await b.transport.close();
  });

  it('the rule itself: one CPS among cards is chosen, two CPS are asked about', () => {
    const base = { forcedReader: undefined, userChose: false, isCps, selected: undefined } as const;
    const readers = [
      { name: SLOT_A, atr: VITALE },
      { name: SLOT_B, atr: CPS },
    ];
    expect(pickReader({ ...base, readers })).toEqual({ selected: SLOT_B });
    // The Vitale card was alone (shown as not a CPS); the CPS arrives: it is taken.
    expect(pickReader({ ...base, selected: SLOT_A, readers })).toEqual({ selected: SLOT_B });
    // The user chose the Vitale's reader: kept.
    expect(pickReader({ ...base, selected: SLOT_A, userChose: true, readers })).toEqual({ selected: SLOT_A });
    const two = [...readers, { name: THIRD, atr: CPS }];
    expect(pickReader({ ...base, readers: two })).toEqual({});
    expect(mustChoose({ readers: two, selected: undefined, isCps })).toBe(true);
    expect(mustChoose({ readers, selected: undefined, isCps })).toBe(false);
    // No CPS at all, two cards: asked, as before.
    expect(
      mustChoose({
        readers: [
          { name: SLOT_A, atr: VITALE },
          { name: SLOT_B, atr: VITALE },
        ],
        selected: undefined,
        isCps,
      }),
    ).toBe(true);
  });
});
