// The transitions no scenario file needs on its way: each one taken here, with what it must do.

import { describe, expect, it } from 'vitest';
import { LastTryUnconfirmedError, OtherCardError, UnexpectedCardResponseError } from '../../../src/card/cps/errors.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import {
  A,
  A_EMPTY,
  B,
  B_EMPTY,
  OTHER_ATR,
  codesOf,
  loaded,
  makeReport,
  rig,
  settle,
  type,
  type Rig,
} from '../../support/machine-doubles.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { digitsOf } from '../../support/codes.js';
import { noticeText } from '../../../src/view/failure.js';

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
    // Another card that is no CPS in the other reader: the tool stays.
    r.transport.setReaders([
      { name: 'Lecteur A', atr: OTHER_ATR },
      { name: 'Lecteur B', atr: OTHER_ATR },
    ]);
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

  it('cardUnrecognised: a CPS arriving in the other reader (two-slot reader, Vitale card here) is read without asking', async () => {
    const r = rig([{ name: 'Lecteur A', atr: OTHER_ATR }, B_EMPTY]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport({ atr: OTHER_ATR, supported: false }));
    await r.reach('cardUnrecognised');
    r.transport.setReaders([{ name: 'Lecteur A', atr: OTHER_ATR }, B]);
    await r.reach('reading');
    expect((await r.cards.next('read')).args).toEqual(['Lecteur B']);
    r.actor.stop();
  });

  it('reading the Vitale card: a CPS arriving in the other reader meanwhile is read once that read ends', async () => {
    // The order pcscd reports cards in is not the order they went in: the CPS can come while the
    // other card is being read. That read's end must not leave the tool on "carte non reconnue".
    for (const end of ['unrecognised', 'failed'] as const) {
      const r = rig([{ name: 'Lecteur A', atr: OTHER_ATR }, B_EMPTY]);
      await r.reach('reading');
      const read = await r.cards.next('read');
      r.transport.setReaders([{ name: 'Lecteur A', atr: OTHER_ATR }, B]);
      await settle();
      if (end === 'unrecognised') read.resolve(makeReport({ atr: OTHER_ATR, supported: false }));
      else read.reject(new UnexpectedCardResponseError('READ BINARY'));
      expect((await r.cards.next('read')).args).toEqual(['Lecteur B']);
      expect(snap(r).matches('reading')).toBe(true);
      r.actor.stop();
    }
  });

  it('readFailed: a CPS arriving in another reader while this one failed is read', async () => {
    const r = rig([{ name: 'Lecteur A', atr: OTHER_ATR }, B_EMPTY]);
    await r.reach('reading');
    (await r.cards.next('read')).reject(new UnexpectedCardResponseError('READ BINARY'));
    await r.reach('readFailed');
    r.transport.setReaders([{ name: 'Lecteur A', atr: OTHER_ATR }, B]);
    await r.reach('reading');
    expect((await r.cards.next('read')).args).toEqual(['Lecteur B']);
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
    expect(noticeText(snap(r).context.problem)).toBe('La carte ne répond pas.');
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
      r.actor.send(digitsEvent('12'));
      r.actor.send({ type: 'BACKSPACE' });
      r.actor.send({ type: 'NEXT_FIELD' });
      r.actor.send({ type: 'PREV_FIELD' });
      expect(digitsOf(snap(r).context.form?.fields[0])).toBe('1');
      (await r.cards.next('readCodes')).reject(new TransportError('card-in-use', 'busy'));
      await r.reach({ card: { view: { [kind]: 'entering' } } });
      r.actor.send(digitsEvent('2'));
      r.actor.send({ type: 'BACKSPACE' });
      r.actor.send({ type: 'NEXT_FIELD' });
      r.actor.send({ type: 'PREV_FIELD' });
      expect(digitsOf(snap(r).context.form?.fields[0])).toBe('1');
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
    expect(noticeText(snap(r).context.notice)).toMatch(/code porteur est bloqué/);
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
    expect(snap(r).context.form?.fields.map(digitsOf)).toEqual(['1234']);
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

// Issue 9: every code sent once, on purpose.
describe('a code is sent only on purpose, on fresh numbers (issue 9)', () => {
  const FORMS = [
    { open: 'ASK_SITUATIONS', kind: 'situations', method: 'readSituations', code: 'pin', pin: 3, puk: 10, fields: ['1234'] },
    { open: 'OPEN_UNBLOCK', kind: 'unblock', method: 'unblockPin', code: 'puk', pin: 0, puk: 10, fields: ['12345678', '1111', '1111'] },
    { open: 'OPEN_CHANGE', kind: 'change', method: 'changePin', code: 'pin', pin: 3, puk: 10, fields: ['1234', '1111', '1111'] },
  ] as const;

  for (const f of FORMS) {
    it(`${f.kind}: Enter typed while the counters are read is kept, and sends once they are in`, async () => {
      const report = makeReport({ pin: f.pin, puk: f.puk });
      const r = await loaded(report);
      r.actor.send({ type: f.open });
      type(r, ...f.fields); // focus ends on the button
      r.actor.send({ type: 'SUBMIT' });
      expect(snap(r).matches({ card: { view: { [f.kind]: 'checking' } } })).toBe(true);
      expect(r.cards.calls.filter((c) => c.method === f.method)).toHaveLength(0);
      (await r.cards.next('readCodes')).resolve(codesOf(report));
      const call = await r.cards.next(f.method);
      expect(call.args.slice(1)).toEqual(f.method === 'readSituations' ? ['1234'] : f.fields.slice(0, 2));
      expect(call.op).toEqual({ expectedSerial: '99002752', lastTryConfirmed: false });
      expect(r.cards.made).toBe(3); // read, readCodes, and the operation once
      r.actor.stop();
    });

    it(`${f.kind}: Enter kept while reading counters that say last try goes to the confirmation, not the card`, async () => {
      const report = makeReport({ pin: f.pin, puk: f.puk });
      const r = await loaded(report);
      r.actor.send({ type: f.open });
      type(r, ...f.fields);
      r.actor.send({ type: 'SUBMIT' });
      const fresh = codesOf(report);
      const last = f.code === 'pin' ? { ...fresh, pin: { ...fresh.pin, triesLeft: 1 } } : { ...fresh, puk: { ...fresh.puk, triesLeft: 1 } };
      (await r.cards.next('readCodes')).resolve(last);
      await r.reach({ card: { view: { [f.kind]: 'confirmLastTry' } } });
      expect(snap(r).context.form?.lastTry).toEqual({ code: f.code, triesLeft: 1 });
      expect(r.cards.calls.filter((c) => c.method === f.method)).toHaveLength(0);
      r.actor.stop();
    });

    it(`${f.kind}: the card layer finds the last try unconfirmed: nothing sent, the confirmation with its fresh number, then sent confirmed`, async () => {
      const report = makeReport({ pin: f.pin, puk: f.puk });
      const r = await loaded(report);
      r.actor.send({ type: f.open });
      (await r.cards.next('readCodes')).resolve(codesOf(report));
      await r.reach({ card: { view: { [f.kind]: 'entering' } } });
      type(r, ...f.fields);
      r.actor.send({ type: 'SUBMIT' });
      const first = await r.cards.next(f.method);
      expect(first.op?.lastTryConfirmed).toBe(false);
      // Another program spent tries meanwhile: the card layer read 1 (or nothing) just before sending.
      const fresh = codesOf(report);
      const counters =
        f.code === 'pin' ? { ...fresh, pin: { ...fresh.pin, triesLeft: null } } : { ...fresh, puk: { ...fresh.puk, triesLeft: 1 } };
      first.reject(new LastTryUnconfirmedError(f.code, counters));
      await r.reach({ card: { view: { [f.kind]: 'confirmLastTry' } } });
      expect(snap(r).context.form?.lastTry).toEqual({ code: f.code, triesLeft: f.code === 'pin' ? null : 1 });
      // A known count is never replaced by "unknown"; a fresh known one replaces the old.
      expect(snap(r).context.report?.[f.code].triesLeft).toBe(f.code === 'pin' ? f.pin : 1);
      r.actor.send({ type: 'CONFIRM' });
      const second = await r.cards.next(f.method);
      expect(second.op?.lastTryConfirmed).toBe(true);
      expect(second.args).toEqual(first.args); // the same codes, sent after the user's yes
      second.resolve(f.method === 'readSituations' ? [] : undefined);
      r.actor.stop();
    });

    it(`${f.kind}: another card in the reader at send time: nothing sent, the card read again`, async () => {
      const report = makeReport({ pin: f.pin, puk: f.puk });
      const r = await loaded(report);
      r.actor.send({ type: f.open });
      (await r.cards.next('readCodes')).resolve(codesOf(report));
      await r.reach({ card: { view: { [f.kind]: 'entering' } } });
      type(r, ...f.fields);
      r.actor.send({ type: 'SUBMIT' });
      (await r.cards.next(f.method)).reject(new OtherCardError());
      await r.reach('reading');
      expect(noticeText(snap(r).context.notice)).toMatch(/n’est pas celle qui était affichée/);
      expect(snap(r).context.form).toBeUndefined();
      r.actor.stop();
    });
  }

  it('a reader whose event counter moved with the same ATR holds another insertion: the card is read again', async () => {
    const r = await loaded(makeReport({ pin: 3 }));
    r.transport.setReaders([{ ...A, events: 5 }]);
    await settle();
    expect(snap(r).matches('card')).toBe(true);
    // Removed and reinserted between two reports: the same ATR, the count moved.
    r.transport.setReaders([{ ...A, events: 7 }]);
    await r.reach('reading');
    r.actor.stop();
  });
});
