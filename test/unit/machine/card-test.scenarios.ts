// Issue 21: the card test (`t`) in the machine. The card is read in full with its keys, the PIN
// asked in a form only when a key needs it and it may be sent, with the last-try confirmation
// before anything goes; Esc declines it (the key checks are skipped, never guessed); the code
// goes to the card once and is in no snapshot afterwards.

import { describe, expect, it } from 'vitest';
import type { CardReport } from '../../../src/card/cps/report.js';
import type { KeyInventory } from '../../../src/card/cps/key-test.js';
import { A, A_EMPTY, loaded, makeReport, settle, type Rig } from '../../support/machine-doubles.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { CardRemovedDuringOperationError } from '../../../src/card/cps/errors.js';
import { checkDetail, checkWords } from '../../../src/view/card-test-words.js';

const INVENTORY: KeyInventory = {
  keys: [
    { role: 'authentication', label: 'CPS_PRIV_AUT', id: '01', needsPin: true },
    { role: 'technical', label: 'CPS_PRIV_TECH', id: '03', needsPin: false },
  ],
  certificates: [],
};

async function started(report: CardReport = makeReport(), inventory: KeyInventory = INVENTORY): Promise<Rig> {
  const r = await loaded(report);
  r.actor.send({ type: 'START_TEST' });
  await r.reach({ card: { view: { test: 'checking' } } });
  (await r.cards.next('inspect')).resolve({ report, inventory });
  return r;
}

const names = (r: Rig) => r.actor.getSnapshot().context.cardTest?.checks.map((c) => `${c.id}:${c.status}`);

describe('the card test (t)', () => {
  it('asks the PIN once, sends it once with the keys, shows the checks; no code left in the snapshot', async () => {
    const r = await started();
    await r.reach({ card: { view: { test: 'entering' } } });
    r.actor.send(digitsEvent('12'));
    r.actor.send({ type: 'BACKSPACE' });
    r.actor.send(digitsEvent('234'));
    r.actor.send({ type: 'NEXT_FIELD' });
    r.actor.send({ type: 'PREV_FIELD' });
    r.actor.send({ type: 'NEXT_FIELD' });
    r.actor.send({ type: 'SUBMIT' });
    await r.reach({ card: { view: { test: 'sending' } } });
    // While the card works: reader news update the lists, Esc waits.
    r.transport.setReaders([A]);
    r.transport.serviceUp([A]);
    r.actor.send({ type: 'CLOSE_FORM' });
    const sign = await r.cards.next('signWithKeys');
    expect(sign.args).toEqual(['Lecteur A', '1234', ['authentication', 'technical']]);
    expect(sign.op).toEqual({ expectedSerial: '99002752', lastTryConfirmed: false });
    sign.resolve(new Map([['authentication', { ok: false, refusal: { kind: 'refused', step: 'MSE SET', sw: 0x6a88 } }]]));
    await r.reach({ card: { view: { test: 'final' } } });
    expect(names(r)).toContain('key-authentication:failed');
    expect(r.actor.getSnapshot().context.cardTest?.counts.total).toBe(8);
    expect(r.actor.getSnapshot().context.form).toBeUndefined();
    expect(JSON.stringify(r.actor.getSnapshot().context)).not.toContain('1234');
    expect(r.cards.calls.filter((c) => c.method === 'signWithKeys')).toHaveLength(0);
    r.actor.send({ type: 'CLOSE_FORM' });
    await r.reach({ card: { view: 'browsing' } });
    // The result stays for the report of this card.
    expect(r.actor.getSnapshot().context.cardTest?.serial).toBe('99002752');
    r.actor.stop();
  });

  it('Esc declines the PIN: the keys needing it are skipped, only the technical key signs', async () => {
    const r = await started();
    await r.reach({ card: { view: { test: 'entering' } } });
    r.actor.send({ type: 'CLOSE_FORM' });
    const sign = await r.cards.next('signWithKeys');
    expect(sign.args).toEqual(['Lecteur A', null, ['technical']]);
    sign.resolve(new Map());
    await r.reach({ card: { view: { test: 'final' } } });
    const auth = r.actor.getSnapshot().context.cardTest?.checks.find((c) => c.id === 'key-authentication');
    expect(auth && checkWords(auth)).toMatchObject({ status: 'skipped', detail: 'code porteur non saisi' });
    r.actor.stop();
  });

  it('the last try is confirmed before the PIN goes; cancelling sends nothing', async () => {
    const r = await started(makeReport({ pin: 1 }));
    await r.reach({ card: { view: { test: 'entering' } } });
    r.actor.send(digitsEvent('1234'));
    r.actor.send({ type: 'NEXT_FIELD' });
    r.actor.send({ type: 'SUBMIT' });
    await r.reach({ card: { view: { test: 'confirmLastTry' } } });
    r.actor.send({ type: 'CANCEL' });
    await r.reach({ card: { view: { test: 'entering' } } });
    await settle();
    expect(r.cards.calls.filter((c) => c.method === 'signWithKeys')).toHaveLength(0);
    r.actor.send(digitsEvent('1234'));
    r.actor.send({ type: 'NEXT_FIELD' });
    r.actor.send({ type: 'SUBMIT' });
    await r.reach({ card: { view: { test: 'confirmLastTry' } } });
    r.actor.send({ type: 'CONFIRM' });
    const sign = await r.cards.next('signWithKeys');
    expect(sign.op?.lastTryConfirmed).toBe(true);
    r.actor.stop();
  });

  it('a blocked PIN is not asked: the key checks needing it are skipped and say why', async () => {
    const report = makeReport({ pin: 0 });
    const r = await started(report);
    const sign = await r.cards.next('signWithKeys');
    expect(sign.args).toEqual(['Lecteur A', null, ['technical']]);
    sign.resolve(new Map());
    await r.reach({ card: { view: { test: 'final' } } });
    const auth = r.actor.getSnapshot().context.cardTest?.checks.find((c) => c.id === 'key-authentication');
    expect(auth?.status).toBe('skipped');
    expect(auth && checkDetail(auth.fact)).toMatch(/bloqué/);
    r.actor.stop();
  });

  it('an Enter typed while the card is read is kept, and acted on once it is in', async () => {
    const r = await loaded();
    r.actor.send({ type: 'START_TEST' });
    await r.reach({ card: { view: { test: 'checking' } } });
    r.actor.send(digitsEvent('12'));
    r.actor.send({ type: 'BACKSPACE' });
    r.actor.send(digitsEvent('234'));
    r.actor.send({ type: 'NEXT_FIELD' });
    r.actor.send({ type: 'PREV_FIELD' });
    r.actor.send({ type: 'NEXT_FIELD' });
    r.actor.send({ type: 'SUBMIT' });
    (await r.cards.next('inspect')).resolve({ report: makeReport(), inventory: INVENTORY });
    const sign = await r.cards.next('signWithKeys');
    expect(sign.args[1]).toBe('1234');
    r.actor.stop();
  });

  it('a failed read: the test reads again and its read check fails in words; Esc while reading closes', async () => {
    const r = await loaded();
    r.actor.send({ type: 'START_TEST' });
    (await r.cards.next('inspect')).reject(new Error('lecture impossible'));
    (await r.cards.next('inspect')).reject(new Error('lecture impossible'));
    await r.reach({ card: { view: { test: 'final' } } });
    expect(names(r)?.[0]).toBe('read:failed');
    r.actor.send({ type: 'CLOSE_FORM' });
    r.actor.send({ type: 'START_TEST' });
    await r.reach({ card: { view: { test: 'checking' } } });
    r.actor.send({ type: 'CLOSE_FORM' });
    await r.reach({ card: { view: 'browsing' } });
    r.actor.stop();
  });

  it('on a reader with a keypad, the PIN is asked there; its key switches to the keyboard', async () => {
    const report: CardReport = { ...makeReport(), readerFeatures: { verifyPinDirect: 0x42330006 } };
    const r = await started(report);
    await r.reach({ card: { view: { test: 'entering' } } });
    r.actor.send({ type: 'TOGGLE_KEYPAD' });
    expect(r.actor.getSnapshot().context.form?.keyboard).toBe(true);
    r.actor.stop();
  });

  it('the card pulled while the keys sign: the result says so; closing it starts over from the readers', async () => {
    const r = await started();
    await r.reach({ card: { view: { test: 'entering' } } });
    r.actor.send({ type: 'CLOSE_FORM' });
    const sign = await r.cards.next('signWithKeys');
    r.transport.setReaders([A_EMPTY]);
    await settle();
    expect(r.actor.getSnapshot().matches({ card: { view: { test: 'sending' } } })).toBe(true);
    sign.reject(new CardRemovedDuringOperationError(false));
    await r.reach({ card: { view: { test: 'final' } } });
    const key = r.actor.getSnapshot().context.cardTest?.checks.find((c) => c.id === 'key-technical');
    expect(key?.status).toBe('failed');
    expect(key && checkDetail(key.fact)).not.toMatch(/incorrect/);
    r.actor.send({ type: 'CLOSE_FORM' });
    await r.reach('noCard');
    r.actor.stop();
  });
});
