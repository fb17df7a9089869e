// The machine driven by the real card layer (createCardService) over the in-process transport
// and the simulated fixture cards: no double anywhere.

import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard, type FixtureName } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { auditMachine, type AuditMachine } from '../../../src/machine/machine.js';
import { readerStatusLine, stateInWords } from '../../../src/view/words.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { noticeText, noticeRemedy } from '../../../src/view/failure.js';

type Snap = ReturnType<Actor<AuditMachine>['getSnapshot']>;

function bench(fixture: FixtureName) {
  const transport = new InProcessTransport();
  const card = createFixtureCard(fixture);
  transport.insert(DEFAULT_READER, card);
  const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } }).start();
  const until = (p: (s: Snap) => boolean, timeout = 5000) => waitFor(actor, p, { timeout });
  const reach = (state: Parameters<Snap['matches']>[0]) => until((s) => s.matches(state));
  const send = actor.send.bind(actor);
  /** Types each field then moves on, as the keys would. */
  const fill = (...parts: string[]) => {
    for (const p of parts) {
      for (const ch of p) send(digitsEvent(ch));
      send({ type: 'NEXT_FIELD' });
    }
  };
  return { transport, card, actor, until, reach, send, fill };
}

describe('the machine over the real card layer and the simulator', () => {
  it('seed: PIN blocked → wrong PUK (9 left) → right PUK → success → removed → back → PIN OK', async () => {
    const b = bench('seed');
    await b.reach({ card: { codes: 'pinBlocked' } });
    const c = b.actor.getSnapshot().context;
    expect(c.selected).toBe(DEFAULT_READER);
    expect(readerStatusLine(c)).toBe('Un lecteur de carte connecté.');
    expect(c.report?.serial).toEqual({ ok: true, value: '99002752' });
    expect(c.report?.puk.triesLeft).toBe(10);

    b.send({ type: 'OPEN_UNBLOCK' });
    await b.reach({ card: { view: { unblock: 'entering' } } });
    b.fill('87654321', '4321', '4321');
    b.send({ type: 'SUBMIT' });
    await b.reach({ card: { view: { unblock: 'entering' } } });
    await b.until((s) => s.context.form?.error !== undefined);
    expect(noticeText(b.actor.getSnapshot().context.form?.error)).toBe('Code de déblocage erroné. Il vous reste 9 essais.');
    expect(b.actor.getSnapshot().context.report?.puk.triesLeft).toBe(9);

    b.fill('12345678', '4321', '4321');
    b.send({ type: 'SUBMIT' });
    await b.reach({ done: 'waitRemoval' });
    expect(stateInWords(b.actor.getSnapshot())).toBe('Retirez la carte');

    b.transport.remove(DEFAULT_READER);
    await b.reach({ done: 'waitReinsert' });
    b.transport.insert(DEFAULT_READER, b.card);
    await b.reach({ card: { codes: 'pinOk' } });
    expect(b.actor.getSnapshot().context.report?.pin.triesLeft).toBe(3);

    // The new PIN works: the situations open with it.
    b.send({ type: 'ASK_SITUATIONS' });
    await b.reach({ card: { view: { situations: 'entering' } } });
    b.fill('4321');
    b.send({ type: 'SUBMIT' });
    await b.reach({ card: { view: 'browsing' } });
    expect(b.actor.getSnapshot().context.situations).toBeDefined();
    b.actor.stop();
    await b.transport.close();
  });

  it('cps3-rpps: change the PIN, then the old one is refused and the new one works', async () => {
    const b = bench('cps3-rpps');
    await b.reach({ card: { codes: 'pinOk' } });
    b.send({ type: 'OPEN_CHANGE' });
    await b.reach({ card: { view: { change: 'entering' } } });
    b.fill('1234', '2468', '2468');
    b.send({ type: 'SUBMIT' });
    await b.reach({ done: 'waitRemoval' });
    b.transport.remove(DEFAULT_READER);
    await b.reach({ done: 'waitReinsert' });
    b.transport.insert(DEFAULT_READER, b.card);
    await b.reach({ card: { codes: 'pinOk' } });

    b.send({ type: 'ASK_SITUATIONS' });
    await b.reach({ card: { view: { situations: 'entering' } } });
    b.fill('1234');
    b.send({ type: 'SUBMIT' });
    await b.until((s) => s.context.form?.error !== undefined);
    expect(noticeText(b.actor.getSnapshot().context.form?.error)).toBe('Code porteur erroné. Il vous reste 2 essais.');
    b.fill('2468');
    b.send({ type: 'SUBMIT' });
    await b.until((s) => s.context.situations !== undefined);
    expect(b.actor.getSnapshot().context.report?.pin.triesLeft).toBe(3);
    b.actor.stop();
    await b.transport.close();
  });

  it('puk-last-try: asks for confirmation before the last PUK try', async () => {
    const b = bench('puk-last-try');
    await b.reach({ card: { codes: 'pinBlocked' } });
    b.send({ type: 'OPEN_UNBLOCK' });
    await b.reach({ card: { view: { unblock: 'entering' } } });
    b.fill('12345678', '1357', '1357');
    b.send({ type: 'SUBMIT' });
    await b.reach({ card: { view: { unblock: 'confirmLastTry' } } });
    b.send({ type: 'CONFIRM' });
    await b.reach({ done: 'waitRemoval' });
    b.actor.stop();
    await b.transport.close();
  });

  it('puk-blocked and puk-exhausted: nothing to offer but a new card', async () => {
    for (const fixture of ['puk-blocked', 'puk-exhausted'] as const) {
      const b = bench(fixture);
      await b.reach({ card: { codes: 'pukUnusable' } });
      expect(b.actor.getSnapshot().can({ type: 'OPEN_UNBLOCK' })).toBe(false);
      b.actor.stop();
      await b.transport.close();
    }
  });

  it('unknown card: not recognised, with its ATR', async () => {
    const b = bench('unknown');
    await b.reach('cardUnrecognised');
    expect(noticeText(b.actor.getSnapshot().context.problem)).toMatch(/ATR/);
    b.actor.stop();
    await b.transport.close();
  });

  it('card pulled during the write of an unblock: honest message, then the true state', async () => {
    // How many APDUs a whole unblock takes on this card: the last one is the write.
    const probe = new InProcessTransport();
    probe.insert(DEFAULT_READER, createFixtureCard('seed'));
    const probeService = createCardService(probe);
    await probeService.read(DEFAULT_READER); // as the machine does: read first,
    await probeService.readCodes(DEFAULT_READER); // then the tries again as the form opens
    const before = probe.apduCount;
    await probeService.unblockPin(DEFAULT_READER, '12345678', '4321');
    const steps = probe.apduCount - before;

    const b = bench('seed');
    await b.reach({ card: { codes: 'pinBlocked' } });
    b.send({ type: 'OPEN_UNBLOCK' });
    await b.reach({ card: { view: { unblock: 'entering' } } });
    b.fill('12345678', '4321', '4321');
    b.transport.injectFault({ at: steps, kind: 'remove-card', executed: true });
    b.send({ type: 'SUBMIT' });
    await b.reach('interrupted');
    expect(noticeText(b.actor.getSnapshot().context.notice)).toContain(
      'la modification a pu être appliquée ou non : essayez le nouveau code, puis l’ancien',
    );
    b.transport.insert(DEFAULT_READER, b.card);
    await b.reach('card');
    // The write had reached the card: the true state is an unblocked PIN.
    await b.reach({ card: { codes: 'pinOk' } });
    // The counters read back decide the words (issue 17): "applied, use the new code", never "try the old one".
    expect(noticeText(b.actor.getSnapshot().context.notice)).toContain('a été appliqué');
    expect(noticeRemedy(b.actor.getSnapshot().context.notice)).not.toContain('puis l’ancien');
    b.actor.stop();
    await b.transport.close();
  });

  it('pcscd stops and comes back', async () => {
    const b = bench('cps3-rpps');
    await b.reach('card');
    b.transport.stopService();
    await b.reach('serviceUnavailable');
    b.transport.startService();
    await b.reach('card');
    b.actor.stop();
    await b.transport.close();
  });

  it('two readers, two CPS: the user chooses; a reader only with an unknown card is skipped', async () => {
    const transport = new InProcessTransport({ readers: ['Lecteur 0', 'Lecteur 1'] });
    transport.insert('Lecteur 0', createFixtureCard('seed'));
    transport.insert('Lecteur 1', createFixtureCard('cps3-rpps'));
    const actor = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } }).start();
    await waitFor(actor, (s) => s.matches('choosingReader'), { timeout: 5000 });
    expect(readerStatusLine(actor.getSnapshot().context)).toBe('2 lecteurs de carte connectés.');
    actor.send({ type: 'SELECT_READER', name: 'Lecteur 1' });
    await waitFor(actor, (s) => s.matches({ card: { codes: 'pinOk' } }), { timeout: 5000 });
    actor.stop();
    transport.insert('Lecteur 0', createFixtureCard('unknown'));
    const again = createActor(auditMachine, { input: { transport, cards: createCardService(transport) } }).start();
    await waitFor(again, (s) => s.matches('card'), { timeout: 5000 });
    expect(again.getSnapshot().context.selected).toBe('Lecteur 1');
    again.stop();
    await transport.close();
  });
});
