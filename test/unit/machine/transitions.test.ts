// The transitions no scenario file needs on its way: each one taken here, with what it must do.

import { describe, expect, it } from 'vitest';
import { UnexpectedCardResponseError } from '../../../src/card/cps/errors.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import { A, A_EMPTY, B, B_EMPTY, OTHER_ATR, codesOf, loaded, makeReport, rig, settle, type, type Rig } from './doubles.js';

const snap = (r: Rig) => r.actor.getSnapshot();


describe('reader states', () => {
  it('noCard: "l" opens the list when there are several readers; the list closes when every reader goes', async () => {
    const r = rig([A_EMPTY, B_EMPTY]);
    await r.reach('noCard');
    r.actor.send({ type: 'CHOOSE_READER' });
    await r.reach('choosingReader');
    r.transport.setReaders([]);
    await r.reach('noReader');
    r.actor.stop();
  });

  it('reading: another reader coming does not stop the read', async () => {
    const r = rig([A]);
    await r.reach('reading');
    r.transport.setReaders([A, B_EMPTY]);
    await settle();
    expect(snap(r).matches('reading')).toBe(true);
    expect(snap(r).context.readers).toHaveLength(2);
    r.actor.stop();
  });

  it('cardUnrecognised: stays while its card stays, RETRY reads again, "l" opens the list', async () => {
    const r = rig([{ name: 'Lecteur A', atr: OTHER_ATR }, B_EMPTY]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport({ atr: OTHER_ATR, supported: false }));
    await r.reach('cardUnrecognised');
    r.transport.setReaders([{ name: 'Lecteur A', atr: OTHER_ATR }, B]);
    await settle();
    expect(snap(r).matches('cardUnrecognised')).toBe(true);
    r.actor.send({ type: 'RETRY' });
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport({ atr: OTHER_ATR, supported: false }));
    await r.reach('cardUnrecognised');
    r.actor.send({ type: 'CHOOSE_READER' });
    await r.reach('choosingReader');
    r.actor.stop();
  });

  it('readFailed: stays while its card stays, leaves when it goes, "l" opens the list', async () => {
    const r = rig([A, B_EMPTY]);
    await r.reach('reading');
    (await r.cards.next('read')).reject(new UnexpectedCardResponseError('READ BINARY'));
    await r.reach('readFailed');
    r.transport.setReaders([A, B]);
    await settle();
    expect(snap(r).matches('readFailed')).toBe(true);
    r.actor.send({ type: 'CHOOSE_READER' });
    await r.reach('choosingReader');
    r.actor.send({ type: 'SELECT_READER', name: 'Lecteur A' });
    await r.reach('reading');
    (await r.cards.next('read')).reject(new TransportError('timeout', 'slow'));
    await r.reach('readFailed');
    expect(snap(r).context.problem?.text).toBe('La carte ne répond pas.');
    r.transport.setReaders([A_EMPTY, B]);
    await r.reach('noCard');
    r.actor.stop();
  });

  it('card: a report that keeps the card changes nothing but the list', async () => {
    const r = await loaded();
    r.transport.setReaders([A, B_EMPTY]);
    await settle();
    expect(snap(r).matches({ card: { view: 'browsing' } })).toBe(true);
    expect(snap(r).context.readers).toHaveLength(2);
    r.actor.stop();
  });
});

describe('code states', () => {
  it('unknown counters, then known; PUK dead with PIN OK stays pinOk', async () => {
    const r = await loaded({ ...makeReport(), pin: { triesLeft: null, maxTries: null } });
    expect(snap(r).matches({ card: { codes: 'unknown' } })).toBe(true);
    expect(snap(r).can({ type: 'OPEN_CHANGE' })).toBe(true);
    r.actor.send({ type: 'OPEN_CHANGE' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 3, maxTries: 3 }, puk: { triesLeft: 0, maxTries: 10 } });
    await r.reach({ card: { codes: 'pinOk' } });
    r.actor.stop();
  });

  it('pukUnusable and noPin follow the counters read when a form opens', async () => {
    const r = await loaded(makeReport({ pin: 0, puk: 0 }));
    expect(snap(r).matches({ card: { codes: 'pukUnusable' } })).toBe(true);
    r.actor.stop();
    // A contactless card whose counters say otherwise is still without PIN: only a re-read changes it.
    const n = await loaded(makeReport({ hasPin: false }));
    expect(snap(n).matches({ card: { codes: 'noPin' } })).toBe(true);
    n.actor.stop();
    // From pukUnusable back to pinBlocked when a re-read says the PUK has tries again.
    const u = await loaded(makeReport({ pin: 0, puk: 0 }));
    u.transport.setReaders([{ name: 'Lecteur A', atr: OTHER_ATR }]);
    await u.reach('reading');
    (await u.cards.next('read')).resolve(makeReport({ pin: 0, puk: 5 }));
    await u.reach({ card: { codes: 'pinBlocked' } });
    u.actor.stop();
  });

  it('noPin → evaluating when a re-read finds a contact card', async () => {
    const r = await loaded(makeReport({ hasPin: false }));
    r.transport.setReaders([{ name: 'Lecteur A', atr: OTHER_ATR }]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport());
    await r.reach({ card: { codes: 'pinOk' } });
    r.actor.stop();
  });

  it('unknown → evaluating when the counters become known', async () => {
    const r = await loaded({ ...makeReport(), pin: { triesLeft: null, maxTries: null } });
    r.actor.send({ type: 'ASK_SITUATIONS' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 2, maxTries: 3 }, puk: { triesLeft: 10, maxTries: 10 } });
    await r.reach({ card: { codes: 'pinOk' } });
    r.actor.stop();
  });
});

describe('form details', () => {
  for (const [open, kind] of [
    ['ASK_SITUATIONS', 'situations'],
    ['OPEN_UNBLOCK', 'unblock'],
    ['OPEN_CHANGE', 'change'],
  ] as const) {
    it(`${kind}: editing while the counters are read, a failed check, Esc`, async () => {
      const r = await loaded(makeReport({ pin: kind === 'unblock' ? 0 : 3 }));
      r.actor.send({ type: open });
      r.actor.send({ type: 'DIGITS', text: '12' });
      r.actor.send({ type: 'BACKSPACE' });
      r.actor.send({ type: 'NEXT_FIELD' });
      r.actor.send({ type: 'PREV_FIELD' });
      expect(snap(r).context.form?.fields[0]).toBe('1');
      (await r.cards.next('readCodes')).reject(new TransportError('card-in-use', 'busy'));
      await r.reach({ card: { view: { [kind]: 'entering' } } });
      r.actor.send({ type: 'DIGITS', text: '2' });
      r.actor.send({ type: 'BACKSPACE' });
      r.actor.send({ type: 'NEXT_FIELD' });
      r.actor.send({ type: 'PREV_FIELD' });
      expect(snap(r).context.form?.fields[0]).toBe('1');
      r.actor.send({ type: 'CLOSE_FORM' });
      await r.reach({ card: { view: 'browsing' } });
      expect(snap(r).context.form).toBeUndefined();
      r.actor.stop();
    });

    it(`${kind}: Esc, reader reports and pcscd news are held while the card works`, async () => {
      const report = makeReport({ pin: kind === 'unblock' ? 0 : 3 });
      const r = await loaded(report);
      r.actor.send({ type: open });
      (await r.cards.next('readCodes')).resolve(codesOf(report));
      await r.reach({ card: { view: { [kind]: 'entering' } } });
      type(r, ...(kind === 'unblock' ? ['12345678', '1111', '1111'] : kind === 'change' ? ['1234', '1111', '1111'] : ['1234']));
      r.actor.send({ type: 'SUBMIT' });
      await r.reach({ card: { view: { [kind]: 'sending' } } });
      r.actor.send({ type: 'CLOSE_FORM' });
      r.transport.setReaders([{ ...A, inUse: true }]);
      r.transport.serviceDown();
      await settle();
      expect(snap(r).matches({ card: { view: { [kind]: 'sending' } } })).toBe(true);
      expect(snap(r).context.form).toBeDefined();
      r.actor.stop();
    });
  }

  it('situations: the PIN found blocked when the form opens closes it with the plain message', async () => {
    const r = await loaded(makeReport({ pin: 2 }));
    r.actor.send({ type: 'ASK_SITUATIONS' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 0, maxTries: 3 }, puk: { triesLeft: 10, maxTries: 10 } });
    await r.reach({ card: { view: 'browsing' } });
    expect(snap(r).context.notice?.text).toMatch(/code porteur est bloqué/);
    r.actor.stop();
  });

  it('situations: CANCEL at the last-try step goes back to the form, codes kept', async () => {
    const r = await loaded(makeReport({ pin: 1 }));
    r.actor.send({ type: 'ASK_SITUATIONS' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 1, maxTries: 3 }, puk: { triesLeft: 10, maxTries: 10 } });
    await r.reach({ card: { view: { situations: 'entering' } } });
    type(r, '1234');
    r.actor.send({ type: 'SUBMIT' });
    await r.reach({ card: { view: { situations: 'confirmLastTry' } } });
    r.actor.send({ type: 'CANCEL' });
    await r.reach({ card: { view: { situations: 'entering' } } });
    expect(snap(r).context.form?.fields).toEqual(['1234']);
    r.actor.stop();
  });

  it('unblock: a PIN found no longer blocked when the form opens closes it', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    r.actor.send({ type: 'OPEN_UNBLOCK' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 3, maxTries: 3 }, puk: { triesLeft: 10, maxTries: 10 } });
    await r.reach({ card: { view: 'browsing' } });
    expect(snap(r).matches({ card: { codes: 'pinOk' } })).toBe(true);
    r.actor.stop();
  });

  it('change: CANCEL at the last-try step goes back to the form', async () => {
    const r = await loaded(makeReport({ pin: 1 }));
    r.actor.send({ type: 'OPEN_CHANGE' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 1, maxTries: 3 }, puk: { triesLeft: 10, maxTries: 10 } });
    await r.reach({ card: { view: { change: 'entering' } } });
    type(r, '1234', '1111', '1111');
    r.actor.send({ type: 'SUBMIT' });
    await r.reach({ card: { view: { change: 'confirmLastTry' } } });
    r.actor.send({ type: 'CANCEL' });
    await r.reach({ card: { view: { change: 'entering' } } });
    r.actor.stop();
  });
});
