// The form reducers and the button's guard: digits only, capped, and the reason it is disabled.

import { describe, expect, it } from 'vitest';
import {
  clearedFields,
  deleteDigit,
  emptyForm,
  focusNext,
  focusPrevious,
  formBlocker,
  typeDigits,
  type Blocker,
} from '../../../src/machine/forms.js';
import { blockerWords, fieldCount, submitBlocker } from '../../../src/view/words.js';
import { loaded, makeReport, openForm, type } from '../../support/machine-doubles.js';
import { digitsEvent } from '../../../src/machine/events.js';
import type { CodeLengths } from '../../../src/card/cps/codes.js';
import { code, digitsOf } from '../../support/codes.js';

const words = (b: Blocker | undefined) => (b === undefined ? undefined : blockerWords(b));

/** The seed's rules (its AODF: PIN 4 digits, PUK 8). */
const FIXED: CodeLengths = { pin: { min: 4, max: 4, source: 'aodf' }, puk: { min: 8, max: 8, source: 'aodf' } };
/** cps3-pin6's: PIN 4 to 8 digits. */
const SPAN: CodeLengths = { pin: { min: 4, max: 8, source: 'aodf' }, puk: { min: 8, max: 8, source: 'aodf' } };

describe('form reducers', () => {
  it('keeps digits only, capped at the field length (PUK 8, PIN 4)', () => {
    let f = emptyForm('unblock', FIXED);
    f = typeDigits(f, code('12a3 4-5678999'));
    expect(digitsOf(f.fields[0])).toBe('12345678');
    f = focusNext(f);
    f = typeDigits(f, code('98765'));
    expect(digitsOf(f.fields[1])).toBe('9876');
    f = typeDigits(f, code('q123'));
    expect(digitsOf(f.fields[1])).toBe('9876');
  });

  it('backspace deletes the last digit of the focused field only', () => {
    let f = typeDigits(emptyForm('change', FIXED), code('1234'));
    f = focusNext(f);
    f = deleteDigit(f);
    expect(f.fields.map(digitsOf)).toEqual(['1234', '', '']);
    f = focusPrevious(f);
    f = deleteDigit(f);
    expect(digitsOf(f.fields[0])).toBe('123');
  });

  it('focus goes from field to field to the button, and no further', () => {
    let f = emptyForm('situations');
    f = focusNext(focusNext(focusNext(f)));
    expect(f.focus).toBe(1);
    expect(typeDigits(f, code('1')).fields.map(digitsOf)).toEqual(['']);
    f = focusPrevious(focusPrevious(f));
    expect(f.focus).toBe(0);
  });

  it('says why the button is disabled', () => {
    const f = emptyForm('unblock', FIXED);
    expect(words(formBlocker(f))).toBe('Code de déblocage incomplet (8 chiffres)');
    const g = typeDigits(f, code('12345678'));
    expect(words(formBlocker(g))).toBe('Nouveau code porteur incomplet (4 chiffres)');
    const h = typeDigits(focusNext(g), code('1111'));
    expect(words(formBlocker(h))).toBe('Confirmation du nouveau code porteur incomplète (4 chiffres)');
    const i = typeDigits(focusNext(h), code('1112'));
    expect(words(formBlocker(i))).toBe('La confirmation diffère du nouveau code');
    expect(formBlocker(typeDigits(deleteDigit(i), code('1')))).toBeUndefined();
    expect(words(formBlocker(emptyForm('change', FIXED)))).toBe('Code porteur actuel incomplet (4 chiffres)');
    expect(words(formBlocker(emptyForm('situations', FIXED)))).toBe('Code porteur incomplet (4 chiffres)');
  });

  it('a PIN of 4 to 8 digits (issue 17): the field takes up to 8, is ready from 4, and says the range', () => {
    let f = typeDigits(emptyForm('change', SPAN), code('123456'));
    // Before issue 17 the field stopped at 4 digits: 1234 was sent, and the card counted a wrong try.
    expect(digitsOf(f.fields[0])).toBe('123456');
    expect(fieldCount(f, 0)).toBe('6 chiffres (4 à 8)');
    expect(words(formBlocker(f))).toBe('Nouveau code porteur incomplet (4 à 8 chiffres)');
    f = typeDigits(focusNext(f), code('123'));
    expect(words(formBlocker(f))).toBe('Nouveau code porteur incomplet (4 à 8 chiffres)');
    f = typeDigits(f, code('4567890'));
    expect(digitsOf(f.fields[1])).toBe('12345678');
    f = typeDigits(focusNext(f), code('12345678'));
    expect(formBlocker(f)).toBeUndefined();
    expect(fieldCount(f, 0)).toBe('6 chiffres (4 à 8)');
    expect(fieldCount(emptyForm('unblock', SPAN), 0)).toBe('0/8 chiffres');
  });

  it('digits typed while the card’s rules were unknown, beyond what it then says: the button says so', () => {
    const f = typeDigits(emptyForm('situations'), code('123456'));
    expect(formBlocker(f)).toBeUndefined(); // the default, 4 to 8
    expect(words(formBlocker({ ...f, lengths: FIXED }))).toBe('Code porteur : 6 chiffres, la carte en accepte 4 chiffres');
  });

  it('clearing keeps the kind and the error, empties every field', () => {
    const f = {
      ...typeDigits(emptyForm('situations', FIXED), code('12')),
      error: { tone: 'error' as const, kind: 'read-unexpected' as const },
    };
    const typed = f.fields[0]!;
    const cleared = clearedFields(f);
    expect({ ...cleared, fields: cleared.fields.map(digitsOf) }).toEqual({
      kind: 'situations',
      lengths: FIXED,
      fields: [''],
      focus: 0,
      error: { tone: 'error', kind: 'read-unexpected' },
    });
    // The code that was typed is zeroed, not just dropped.
    expect(typed.wiped).toBe(true);
    expect(digitsOf(typed)).toBe('00');
  });
});

describe('the button is enabled exactly when the machine takes SUBMIT', () => {
  it('unblock form, field by field', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    const can = () => r.actor.getSnapshot().can({ type: 'SUBMIT' });
    const why = () => submitBlocker(r.actor.getSnapshot());
    expect([can(), why()]).toEqual([false, 'Code de déblocage incomplet (8 chiffres)']);
    type(r, '1234567');
    expect([can(), why()]).toEqual([false, 'Code de déblocage incomplet (8 chiffres)']);
    r.actor.send({ type: 'PREV_FIELD' });
    r.actor.send(digitsEvent('8'));
    r.actor.send({ type: 'NEXT_FIELD' });
    type(r, '1234', '1243');
    expect([can(), why()]).toEqual([false, 'La confirmation diffère du nouveau code']);
    r.actor.send({ type: 'PREV_FIELD' });
    r.actor.send({ type: 'BACKSPACE' });
    r.actor.send({ type: 'BACKSPACE' });
    r.actor.send(digitsEvent('34'));
    expect([can(), why()]).toEqual([true, undefined]);
    r.actor.send({ type: 'QUIT' });
    expect([can(), why()]).toEqual([false, 'Fermeture de l’outil en cours']);
    r.actor.stop();
  });

  it('a burst of keys is all kept', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    for (const ch of '12345678') r.actor.send(digitsEvent(ch));
    expect(digitsOf(r.actor.getSnapshot().context.form?.fields[0])).toBe('12345678');
    r.actor.stop();
  });

  it('keys typed while the counters are being checked are kept', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    r.actor.send({ type: 'OPEN_UNBLOCK' });
    expect(r.actor.getSnapshot().matches({ card: { view: { unblock: 'checking' } } })).toBe(true);
    r.actor.send(digitsEvent('1234'));
    // What the holder can fix comes first (the screen shows this very reason).
    expect(submitBlocker(r.actor.getSnapshot())).toBe('Code de déblocage incomplet (8 chiffres)');
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 0, maxTries: 3 }, puk: { triesLeft: 10, maxTries: 10 } });
    r.actor.send(digitsEvent('5678'));
    expect(digitsOf(r.actor.getSnapshot().context.form?.fields[0])).toBe('12345678');
    r.actor.stop();
  });

  it('Esc keeps nothing typed', async () => {
    const r = await loaded(makeReport());
    await openForm(r, 'OPEN_CHANGE');
    type(r, '1234', '5678');
    r.actor.send({ type: 'CLOSE_FORM' });
    expect(r.actor.getSnapshot().matches({ card: { view: 'browsing' } })).toBe(true);
    expect(r.actor.getSnapshot().context.form).toBeUndefined();
    expect(JSON.stringify(r.actor.getSnapshot().context, (k, v) => (k === 'transport' || k === 'cards' ? undefined : v))).not.toMatch(
      /5678/,
    );
    r.actor.stop();
  });
});
