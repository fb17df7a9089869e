// Issue 20: the forms on a reader with a keypad. The codes typed there have no field in the
// machine (ON_KEYPAD goes to the card layer), the last try is confirmed before the reader is
// asked, the holder can switch a form to the keyboard, and `--no-pinpad` turns the keypad off.

import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { ON_KEYPAD } from '../../../src/card/cps/keypad.js';
import { KeypadError } from '../../../src/card/cps/errors.js';
import { auditMachine } from '../../../src/machine/machine.js';
import { submitBlocker } from '../../../src/view/words.js';
import { A, ScriptedCards, ScriptedTransport, codesOf, loaded, makeReport, openForm, record, type } from '../../support/machine-doubles.js';
import type { CardReport } from '../../../src/card/cps/report.js';
import { noticeText } from '../../../src/view/failure.js';

const FEATURES = { verifyPinDirect: 0x42330006, modifyPinDirect: 0x42330007 };
const withKeypad = (r: CardReport, features: object = FEATURES): CardReport => ({
  ...r,
  readerFeatures: features,
  keypadLengths: { pin: { min: 4, max: 8 }, puk: { min: 8, max: 8 } },
});

describe('forms on a reader with a keypad', () => {
  it('unblock: PUK and new PIN on the keypad, the button ready at once, the card layer gets ON_KEYPAD', async () => {
    const r = await loaded(withKeypad(makeReport({ pin: 0 })));
    await openForm(r, 'OPEN_UNBLOCK');
    const s = r.actor.getSnapshot();
    expect(s.context.form?.focus).toBe(3); // the button: every code is on the reader
    expect(submitBlocker(s)).toBeUndefined();
    r.actor.send({ type: 'SUBMIT' });
    const call = await r.cards.next('unblockPin');
    expect(call.args).toEqual(['Lecteur A', ON_KEYPAD, ON_KEYPAD]);
    call.reject(new KeypadError('cancelled', 'puk'));
    await r.reach({ card: { view: { unblock: 'entering' } } });
    // The reader's answer, not the card's: no try spent, and Enter asks the reader again.
    expect(noticeText(r.actor.getSnapshot().context.form?.error)).toBe(
      'saisie annulée sur le clavier du lecteur : aucun code n’a été envoyé à la carte',
    );
    expect(r.actor.getSnapshot().context.report?.puk.triesLeft).toBe(10);
    expect(r.actor.getSnapshot().context.form?.focus).toBe(3);
    r.actor.stop();
  });

  it('a reader that verifies only: the PUK on the keypad, the new PIN typed here', async () => {
    const r = await loaded(withKeypad(makeReport({ pin: 0 }), { verifyPinDirect: 0x42330006 }));
    await openForm(r, 'OPEN_UNBLOCK');
    expect(r.actor.getSnapshot().context.form?.focus).toBe(1);
    type(r, '4321', '4321');
    r.actor.send({ type: 'SUBMIT' });
    const call = await r.cards.next('unblockPin');
    expect(call.args).toEqual(['Lecteur A', ON_KEYPAD, '4321']);
    r.actor.stop();
  });

  it('the last PIN try is confirmed before anything is asked of the reader', async () => {
    const r = await loaded(withKeypad(makeReport({ pin: 1 })));
    await openForm(r, 'ASK_SITUATIONS');
    r.actor.send({ type: 'SUBMIT' });
    await r.reach({ card: { view: { situations: 'confirmLastTry' } } });
    expect(r.cards.calls.filter((c) => c.method === 'readSituations')).toHaveLength(0);
    r.actor.send({ type: 'CONFIRM' });
    const call = await r.cards.next('readSituations');
    expect(call.args).toEqual(['Lecteur A', ON_KEYPAD]);
    expect(call.op?.lastTryConfirmed).toBe(true);
    r.actor.stop();
  });

  it('the form’s key switches to the keyboard and back; typed digits for a keypad code are dropped', async () => {
    const r = await loaded(withKeypad(makeReport({ pin: 3 })));
    await openForm(r, 'OPEN_CHANGE');
    expect(r.actor.getSnapshot().context.form?.focus).toBe(3);
    r.actor.send({ type: 'TOGGLE_KEYPAD' });
    expect(r.actor.getSnapshot().context.form).toMatchObject({ keyboard: true, focus: 0 });
    expect(submitBlocker(r.actor.getSnapshot())).toBe('Code porteur actuel incomplet (4 à 8 chiffres)');
    type(r, '1234', '5678', '5678');
    r.actor.send({ type: 'SUBMIT' });
    const call = await r.cards.next('changePin');
    expect(call.args).toEqual(['Lecteur A', '1234', '5678']);
    r.actor.stop();
  });

  it('back to the keypad in the situations form', async () => {
    const r = await loaded(withKeypad(makeReport({ pin: 3 })));
    await openForm(r, 'ASK_SITUATIONS');
    r.actor.send({ type: 'TOGGLE_KEYPAD' });
    r.actor.send({ type: 'TOGGLE_KEYPAD' });
    expect(r.actor.getSnapshot().context.form?.keyboard).toBe(false);
    r.actor.send({ type: 'SUBMIT' });
    expect((await r.cards.next('readSituations')).args).toEqual(['Lecteur A', ON_KEYPAD]);
    r.actor.stop();
  });

  it('unblock form: the key switches it to the keyboard', async () => {
    const r = await loaded(withKeypad(makeReport({ pin: 0 })));
    await openForm(r, 'OPEN_UNBLOCK');
    r.actor.send({ type: 'TOGGLE_KEYPAD' });
    expect(r.actor.getSnapshot().context.form).toMatchObject({ keyboard: true, focus: 0 });
    r.actor.stop();
  });

  it('--no-pinpad: the forms are as on any reader, and the key does nothing', async () => {
    const transport = new ScriptedTransport([A]);
    const cards = new ScriptedCards();
    const actor = createActor(auditMachine, { input: { transport, cards, pinpad: false }, inspect: record });
    actor.start();
    (await cards.next('read')).resolve(withKeypad(makeReport({ pin: 3 })));
    await new Promise((res) => setTimeout(res, 10));
    actor.send({ type: 'OPEN_CHANGE' });
    (await cards.next('readCodes')).resolve(codesOf(makeReport({ pin: 3 })));
    await new Promise((res) => setTimeout(res, 10));
    expect(actor.getSnapshot().context.form?.focus).toBe(0);
    expect(actor.getSnapshot().can({ type: 'TOGGLE_KEYPAD' })).toBe(false);
    actor.stop();
  });
});
