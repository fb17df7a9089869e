// The unblock, change and situations flows, end to end through the machine, with every answer
// the card layer can give.

import { describe, expect, it } from 'vitest';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  PukExhaustedError,
  UnexpectedCardResponseError,
  WriteOutcomeUnknownError,
  WrongCodeError,
} from '../../../src/card/cps/errors.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import { canQuitNow, codeAction, isPinOperationInFlight, mode } from '../../../src/machine/selectors.js';
import { codeActionLabel, stateInWords } from '../../../src/view/words.js';
import { A, A_EMPTY, loaded, makeReport, openForm, type, settle, type Rig } from '../../support/machine-doubles.js';
import { digitsOf } from '../../support/codes.js';
import { noticeText, noticeRemedy } from '../../../src/view/failure.js';

const snap = (r: Rig) => r.actor.getSnapshot();

async function fillUnblock(r: Rig, puk = '87654321', pin = '4321'): Promise<void> {
  type(r, puk, pin, pin);
  r.actor.send({ type: 'SUBMIT' });
}

describe('unblock', () => {
  it('is offered only when the PIN is blocked', async () => {
    const ok = await loaded(makeReport({ pin: 3 }));
    expect(snap(ok).can({ type: 'OPEN_UNBLOCK' })).toBe(false);
    expect(snap(ok).can({ type: 'OPEN_CHANGE' })).toBe(true);
    expect(codeActionLabel(codeAction(snap(ok).context))).toBe('Changer votre code porteur');
    expect(snap(ok).matches({ card: { codes: 'pinOk' } })).toBe(true);
    ok.actor.stop();
    const blocked = await loaded(makeReport({ pin: 0 }));
    expect(snap(blocked).can({ type: 'OPEN_CHANGE' })).toBe(false);
    expect(codeActionLabel(codeAction(snap(blocked).context))).toBe('Débloquer votre code porteur');
    expect(snap(blocked).matches({ card: { codes: 'pinBlocked' } })).toBe(true);
    blocked.actor.stop();
  });

  it('wrong PUK with tries left → back to the form, fields cleared, tries in words', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    expect(snap(r).matches({ card: { view: { unblock: 'sending' } } })).toBe(true);
    expect(isPinOperationInFlight(snap(r))).toBe(true);
    expect(mode(snap(r))).toBe('busy');
    const call = await r.cards.next('unblockPin');
    expect(call.args).toEqual(['Lecteur A', '87654321', '4321']);
    call.reject(new WrongCodeError('puk', 9));
    await r.reach({ card: { view: { unblock: 'entering' } } });
    const c = snap(r).context;
    expect(c.form?.fields.map(digitsOf)).toEqual(['', '', '']);
    expect(noticeText(c.form?.error)).toBe('Code de déblocage erroné. Il vous reste 9 essais.');
    expect(c.report?.puk.triesLeft).toBe(9);
    r.actor.stop();
  });

  it('last PUK try: warning, then explicit confirmation; cancel goes back to the form', async () => {
    const r = await loaded(makeReport({ pin: 0, puk: 1 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    await r.reach({ card: { view: { unblock: 'confirmLastTry' } } });
    expect(mode(snap(r))).toBe('confirm');
    expect(r.cards.calls).toHaveLength(0);
    r.actor.send({ type: 'CANCEL' });
    await r.reach({ card: { view: { unblock: 'entering' } } });
    r.actor.send({ type: 'SUBMIT' });
    await r.reach({ card: { view: { unblock: 'confirmLastTry' } } });
    r.actor.send({ type: 'CONFIRM' });
    await r.reach({ card: { view: { unblock: 'sending' } } });
    const confirmed = await r.cards.next('unblockPin');
    // The card layer is told the last try was confirmed, and which card it is for.
    expect(confirmed.op).toEqual({ expectedSerial: '99002752', lastTryConfirmed: true });
    confirmed.reject(new WrongCodeError('puk', 0));
    await r.reach({ card: { view: { unblock: 'final' } } });
    expect(noticeRemedy(snap(r).context.outcome)).toMatch(/Agence du Numérique en Santé/);
    expect(snap(r).context.form?.fields.map(digitsOf)).toEqual(['', '', '']);
    expect(mode(snap(r))).toBe('message');
    r.actor.send({ type: 'CLOSE_FORM' });
    await r.reach('reading');
    expect(snap(r).context.form).toBeUndefined();
    (await r.cards.next('read')).resolve(makeReport({ pin: 0, puk: 0 }));
    await r.reach({ card: { codes: 'pukUnusable' } });
    expect(codeAction(snap(r).context)).toBeUndefined();
    expect(snap(r).can({ type: 'OPEN_UNBLOCK' })).toBe(false);
    expect(snap(r).can({ type: 'OPEN_CHANGE' })).toBe(false);
    r.actor.stop();
  });

  it('PUK blocked and PUK exhausted are final', async () => {
    for (const [error, text] of [
      [new CodeBlockedError('puk'), /code de déblocage est bloqué/],
      [new PukExhaustedError(), /nombre maximal de déblocages/],
    ] as const) {
      const r = await loaded(makeReport({ pin: 0 }));
      await openForm(r, 'OPEN_UNBLOCK');
      await fillUnblock(r);
      (await r.cards.next('unblockPin')).reject(error);
      await r.reach({ card: { view: { unblock: 'final' } } });
      expect(noticeText(snap(r).context.outcome)).toMatch(text);
      expect(snap(r).matches({ card: { codes: 'pukUnusable' } })).toBe(true);
      r.actor.stop();
    }
  });

  it('the counters read on opening decide: PUK already dead → final message at once', async () => {
    const r = await loaded(makeReport({ pin: 0, puk: 3 }));
    r.actor.send({ type: 'OPEN_UNBLOCK' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 0, maxTries: 3 }, puk: { triesLeft: 0, maxTries: 10 } });
    await r.reach({ card: { view: { unblock: 'final' } } });
    r.actor.stop();
  });

  it('the counters read on opening decide: one PUK try left now → confirmation', async () => {
    const r = await loaded(makeReport({ pin: 0, puk: 3 }));
    r.actor.send({ type: 'OPEN_UNBLOCK' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 0, maxTries: 3 }, puk: { triesLeft: 1, maxTries: 10 } });
    await r.reach({ card: { view: { unblock: 'entering' } } });
    await fillUnblock(r);
    await r.reach({ card: { view: { unblock: 'confirmLastTry' } } });
    r.actor.stop();
  });

  it('success → remove the card → put it back → read again', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r, '12345678', '1111');
    (await r.cards.next('unblockPin')).resolve(undefined);
    await r.reach({ done: 'waitRemoval' });
    expect(noticeText(snap(r).context.outcome)).toBe(
      'Votre code porteur a été débloqué avec succès. Veuillez retirer puis réinsérer votre carte.',
    );
    expect(snap(r).context.form).toBeUndefined();
    expect(stateInWords(snap(r))).toMatch(/retirez/i);
    r.transport.setReaders([A_EMPTY]);
    await r.reach({ done: 'waitReinsert' });
    r.transport.setReaders([A]);
    await r.reach('reading');
    expect(snap(r).context.outcome).toBeUndefined();
    (await r.cards.next('read')).resolve(makeReport({ pin: 3 }));
    await r.reach({ card: { codes: 'pinOk' } });
    r.actor.stop();
  });

  it('card removed mid-unblock: never a wrong code; honest message; true state once back', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    const call = await r.cards.next('unblockPin');
    r.transport.setReaders([A_EMPTY]);
    await settle();
    expect(snap(r).matches({ card: { view: { unblock: 'sending' } } })).toBe(true);
    call.reject(new CardRemovedDuringOperationError(true));
    await r.reach('interrupted');
    expect(noticeText(snap(r).context.notice)).toContain(
      'la modification a pu être appliquée ou non : essayez le nouveau code, puis l’ancien',
    );
    expect(snap(r).context.form).toBeUndefined();
    r.transport.setReaders([A]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport({ pin: 3 }));
    await r.reach('card');
    // The counters read back decide the words (issue 17): a CPS3's PIN at 3 of 3 holds the new code.
    expect(noticeText(snap(r).context.notice)).toBe(
      'Le déblocage interrompu a été appliqué : la carte redonne tous ses essais au code porteur.',
    );
    expect(noticeRemedy(snap(r).context.notice)).toContain('Utilisez le nouveau code porteur');
    r.actor.send({ type: 'DISMISS_NOTICE' });
    expect(snap(r).context.notice).toBeUndefined();
    r.actor.stop();
  });

  it('card removed before anything was written: says nothing changed', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    (await r.cards.next('unblockPin')).reject(new CardRemovedDuringOperationError(false));
    await r.reach('interrupted');
    expect(noticeText(snap(r).context.notice)).toMatch(/aucun code n’a été modifié/);
    r.actor.stop();
  });

  it('interrupted, the card was never seen leaving: waits, RETRY reads it', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    (await r.cards.next('unblockPin')).reject(new CardRemovedDuringOperationError(true));
    await r.reach('interrupted');
    await settle();
    expect(snap(r).matches('interrupted')).toBe(true);
    r.actor.send({ type: 'RETRY' });
    await r.reach('reading');
    r.actor.stop();
  });

  it('pcscd gone mid-unblock: the operation ends first, then the service state', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    const call = await r.cards.next('unblockPin');
    r.transport.serviceDown();
    await settle();
    expect(isPinOperationInFlight(snap(r))).toBe(true);
    // The card layer says a write had gone out when the service went.
    call.reject(new WriteOutcomeUnknownError('service-unavailable', 'gone'));
    await r.reach('serviceUnavailable');
    expect(noticeText(snap(r).context.notice)).toMatch(/a pu être appliquée ou non/);
    r.transport.serviceUp([A]);
    await r.reach('reading');
    r.actor.stop();
  });

  it('card used by another program at send time: back to the form, nothing sent', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    (await r.cards.next('unblockPin')).reject(new TransportError('card-in-use', 'busy'));
    await r.reach({ card: { view: { unblock: 'entering' } } });
    expect(noticeText(snap(r).context.form?.error)).toMatch(/autre programme/);
    r.actor.stop();
  });

  it('pcscd gone before any write: nothing was changed', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    const call = await r.cards.next('unblockPin');
    r.transport.serviceDown();
    call.reject(new TransportError('service-unavailable', 'gone'));
    await r.reach('serviceUnavailable');
    expect(noticeText(snap(r).context.notice)).toMatch(/aucun code n’a été modifié/);
    r.actor.stop();
  });

  it('no clear answer once a write went out: may have applied, and the card is read again at once', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    (await r.cards.next('unblockPin')).reject(new WriteOutcomeUnknownError('card-answer', 'RESET RETRY COUNTER, SW 6F00'));
    await r.reach('reading');
    expect(noticeText(snap(r).context.notice)).toMatch(/a pu être appliquée ou non/);
    expect(snap(r).context.unblockInterrupted).toBe('99002752');
    r.actor.stop();
  });

  it('an unexpected answer before any write: nothing was changed, and the card is read again at once', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    await fillUnblock(r);
    (await r.cards.next('unblockPin')).reject(new UnexpectedCardResponseError('VERIFY PUK', 0x6c08));
    await r.reach('reading');
    expect(noticeText(snap(r).context.notice)).toMatch(/aucun code n’a été modifié/);
    expect(snap(r).context.unblockInterrupted).toBeUndefined();
    r.actor.stop();
  });

  it('card removed while the form is open (nothing in flight): form closed, codes dropped', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    type(r, '1234');
    r.transport.setReaders([A_EMPTY]);
    await r.reach('noCard');
    expect(snap(r).context.form).toBeUndefined();
    r.actor.stop();
  });
});

describe('change', () => {
  async function fillChange(r: Rig, current = '1234', next = '5678'): Promise<void> {
    type(r, current, next, next);
    r.actor.send({ type: 'SUBMIT' });
  }

  it('wrong current PIN with tries left → form with tries; success → done', async () => {
    const r = await loaded(makeReport({ pin: 3 }));
    await openForm(r, 'OPEN_CHANGE');
    await fillChange(r, '0000');
    const call = await r.cards.next('changePin');
    expect(call.args).toEqual(['Lecteur A', '0000', '5678']);
    call.reject(new WrongCodeError('pin', 2));
    await r.reach({ card: { view: { change: 'entering' } } });
    expect(noticeText(snap(r).context.form?.error)).toBe('Code porteur actuel erroné. Il vous reste 2 essais.');
    await fillChange(r);
    (await r.cards.next('changePin')).resolve(undefined);
    await r.reach({ done: 'waitRemoval' });
    expect(noticeText(snap(r).context.outcome)).toMatch(/changé avec succès/);
    r.actor.stop();
  });

  it('last PIN try → confirmation; wrong → PIN blocked (final) → re-read shows unblock', async () => {
    const r = await loaded(makeReport({ pin: 1 }));
    await openForm(r, 'OPEN_CHANGE');
    await fillChange(r, '0000');
    await r.reach({ card: { view: { change: 'confirmLastTry' } } });
    r.actor.send({ type: 'CONFIRM' });
    (await r.cards.next('changePin')).reject(new WrongCodeError('pin', 0));
    await r.reach({ card: { view: { change: 'final' } } });
    expect(noticeText(snap(r).context.outcome)).toMatch(/maintenant bloqué/);
    expect(snap(r).matches({ card: { codes: 'pinBlocked' } })).toBe(true);
    r.actor.send({ type: 'CLOSE_FORM' });
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport({ pin: 0 }));
    await r.reach('card');
    expect(snap(r).can({ type: 'OPEN_UNBLOCK' })).toBe(true);
    r.actor.stop();
  });

  it('PIN found blocked when the form opens: the form closes, unblock is offered', async () => {
    const r = await loaded(makeReport({ pin: 2 }));
    r.actor.send({ type: 'OPEN_CHANGE' });
    (await r.cards.next('readCodes')).resolve({ pin: { triesLeft: 0, maxTries: 3 }, puk: { triesLeft: 10, maxTries: 10 } });
    await r.reach({ card: { view: 'browsing' } });
    expect(snap(r).matches({ card: { codes: 'pinBlocked' } })).toBe(true);
    r.actor.stop();
  });

  it('card removed mid-change: the honest message', async () => {
    const r = await loaded(makeReport({ pin: 3 }));
    await openForm(r, 'OPEN_CHANGE');
    await fillChange(r);
    (await r.cards.next('changePin')).reject(new CardRemovedDuringOperationError(true));
    await r.reach('interrupted');
    expect(noticeText(snap(r).context.notice)).toMatch(/essayez le nouveau code, puis l’ancien/);
    r.actor.stop();
  });
});

describe('practice situations', () => {
  it('refuses plainly when the PIN is blocked', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    r.actor.send({ type: 'TAB', tab: 'situations' });
    r.actor.send({ type: 'ASK_SITUATIONS' });
    expect(snap(r).matches({ card: { view: 'browsing' } })).toBe(true);
    expect(noticeText(snap(r).context.notice)).toMatch(/code porteur est bloqué/);
    expect(r.cards.calls).toHaveLength(0);
    r.actor.stop();
  });

  it('one-field form; wrong PIN costs a try; right PIN shows the situations', async () => {
    const r = await loaded(makeReport({ pin: 3 }));
    await openForm(r, 'ASK_SITUATIONS');
    expect(snap(r).context.tab).toBe('situations');
    type(r, '9999');
    r.actor.send({ type: 'SUBMIT' });
    (await r.cards.next('readSituations')).reject(new WrongCodeError('pin', 2));
    await r.reach({ card: { view: { situations: 'entering' } } });
    expect(noticeText(snap(r).context.form?.error)).toBe('Code porteur erroné. Il vous reste 2 essais.');
    expect(snap(r).context.report?.pin.triesLeft).toBe(2);
    type(r, '1234');
    r.actor.send({ type: 'SUBMIT' });
    const call = await r.cards.next('readSituations');
    expect(call.args).toEqual(['Lecteur A', '1234']);
    call.resolve([{ ok: false, reason: 'illisible' }]);
    await r.reach({ card: { view: 'browsing' } });
    expect(snap(r).context.situations).toHaveLength(1);
    expect(snap(r).context.form).toBeUndefined();
    expect(snap(r).context.report?.pin.triesLeft).toBe(3);
    r.actor.stop();
  });

  it('last PIN try: confirmation; wrong → the PIN is blocked, said on the card screen', async () => {
    const r = await loaded(makeReport({ pin: 1 }));
    await openForm(r, 'ASK_SITUATIONS');
    type(r, '9999');
    r.actor.send({ type: 'SUBMIT' });
    await r.reach({ card: { view: { situations: 'confirmLastTry' } } });
    r.actor.send({ type: 'CONFIRM' });
    (await r.cards.next('readSituations')).reject(new WrongCodeError('pin', 0));
    await r.reach({ card: { view: 'browsing' } });
    expect(noticeText(snap(r).context.notice)).toMatch(/maintenant bloqué/);
    expect(snap(r).matches({ card: { codes: 'pinBlocked' } })).toBe(true);
    r.actor.stop();
  });

  it('card removed during the read: nothing was modified', async () => {
    const r = await loaded(makeReport({ pin: 3 }));
    await openForm(r, 'ASK_SITUATIONS');
    type(r, '1234');
    r.actor.send({ type: 'SUBMIT' });
    (await r.cards.next('readSituations')).reject(new CardRemovedDuringOperationError(false));
    await r.reach('interrupted');
    expect(noticeText(snap(r).context.notice)).toMatch(/aucun code n’a été modifié/);
    r.actor.stop();
  });

  it('a contactless card has no PIN: no action, plain message', async () => {
    const r = await loaded(makeReport({ hasPin: false }));
    expect(snap(r).matches({ card: { codes: 'noPin' } })).toBe(true);
    expect(codeAction(snap(r).context)).toBeUndefined();
    expect(snap(r).can({ type: 'OPEN_CHANGE' })).toBe(false);
    r.actor.send({ type: 'ASK_SITUATIONS' });
    expect(noticeText(snap(r).context.notice)).toMatch(/sans contact/);
    r.actor.stop();
  });
});

describe('tabs, help and quitting', () => {
  it('tabs by name and in a ring', async () => {
    const r = await loaded();
    r.actor.send({ type: 'PREV_TAB' });
    expect(snap(r).context.tab).toBe('certificates');
    r.actor.send({ type: 'NEXT_TAB' });
    expect(snap(r).context.tab).toBe('info');
    r.actor.send({ type: 'TAB', tab: 'situations' });
    expect(snap(r).context.tab).toBe('situations');
    r.actor.send({ type: 'HELP_OPEN' });
    expect(mode(snap(r))).toBe('help');
    r.actor.send({ type: 'HELP_CLOSE' });
    expect(mode(snap(r))).toBe('card');
    r.actor.stop();
  });

  it('Ctrl-C during a PIN operation waits for it, and no new one starts', async () => {
    const r = await loaded(makeReport({ pin: 3 }));
    await openForm(r, 'OPEN_CHANGE');
    type(r, '1234', '5678', '5678');
    r.actor.send({ type: 'SUBMIT' });
    const call = await r.cards.next('changePin');
    r.actor.send({ type: 'QUIT' });
    expect(canQuitNow(snap(r))).toBe(false);
    call.reject(new WrongCodeError('pin', 2));
    await r.reach({ card: { view: { change: 'entering' } } });
    expect(canQuitNow(snap(r))).toBe(true);
    type(r, '1234', '5678', '5678');
    expect(snap(r).can({ type: 'SUBMIT' })).toBe(false);
    r.actor.stop();
  });

  it('Ctrl-C with nothing in flight: quit at once', async () => {
    const r = await loaded();
    expect(canQuitNow(snap(r))).toBe(false);
    r.actor.send({ type: 'QUIT' });
    expect(canQuitNow(snap(r))).toBe(true);
    expect(snap(r).can({ type: 'OPEN_CHANGE' })).toBe(false);
    r.actor.stop();
  });
});

describe('codes on their way to the card', () => {
  it('are masked in the snapshot of the operation in flight', async () => {
    const r = await loaded(makeReport({ pin: 0 }));
    await openForm(r, 'OPEN_UNBLOCK');
    type(r, '24681357', '9753', '9753');
    r.actor.send({ type: 'SUBMIT' });
    const call = await r.cards.next('unblockPin');
    expect(call.args).toEqual(['Lecteur A', '24681357', '9753']);
    const children = JSON.stringify(Object.values(r.actor.getSnapshot().children).map((c) => c?.getSnapshot()));
    expect(children).toContain('[hidden]');
    expect(children).not.toMatch(/24681357|9753/);
    call.resolve(undefined);
    await r.reach('done');
    expect(JSON.stringify(r.actor.getPersistedSnapshot())).not.toMatch(/24681357|9753/);
    r.actor.stop();
  });
});
