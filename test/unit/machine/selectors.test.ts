// The words the title bar shows for each state, and the key mode.

import { describe, expect, it } from 'vitest';
import { UnexpectedCardResponseError } from '../../../src/card/cps/errors.js';
import { codeAction, mode } from '../../../src/machine/selectors.js';
import { codeActionLabel, stateInWords, submitBlocker } from '../../../src/view/words.js';
import { A, A_EMPTY, B, OTHER_ATR, loaded, makeReport, rig } from '../../support/machine-doubles.js';

describe('stateInWords and mode', () => {
  it('follows the machine from no reader to a card', async () => {
    const r = rig([]);
    await r.reach('noReader');
    const words = () => stateInWords(r.actor.getSnapshot());
    expect(words()).toBe('Aucun lecteur');
    r.transport.setReaders([A_EMPTY]);
    await r.reach('noCard');
    expect(words()).toBe('Aucune carte');
    r.transport.setReaders([A, B]);
    await r.reach('choosingReader');
    expect(words()).toBe('Choix du lecteur');
    expect(mode(r.actor.getSnapshot())).toBe('readers');
    r.actor.send({ type: 'SELECT_READER', name: 'Lecteur A' });
    await r.reach('reading');
    expect(words()).toBe('Lecture de la carte');
    expect(mode(r.actor.getSnapshot())).toBe('other');
    (await r.cards.next('read')).reject(new UnexpectedCardResponseError('SELECT'));
    await r.reach('readFailed');
    expect(words()).toBe('Lecture impossible');
    r.transport.serviceDown();
    await r.reach('serviceUnavailable');
    expect(words()).toBe('Service PC/SC indisponible');
    r.transport.serviceDown('access-refused');
    await r.reach('accessRefused');
    expect(words()).toBe('Accès refusé par le service PC/SC');
    r.actor.stop();
  });

  it('names the code state of a loaded card', async () => {
    const cases = [
      [makeReport({ pin: 3 }), 'Code porteur OK', 'Changer votre code porteur'],
      [makeReport({ pin: 0 }), 'Code porteur verrouillé', 'Débloquer votre code porteur'],
      [makeReport({ pin: 0, puk: 0 }), 'Déblocage impossible', undefined],
      [makeReport({ hasPin: false }), 'Carte lue (sans contact)', undefined],
    ] as const;
    for (const [report, words, action] of cases) {
      const r = await loaded(report);
      expect(stateInWords(r.actor.getSnapshot())).toBe(words);
      expect(codeActionLabel(codeAction(r.actor.getSnapshot().context))).toBe(action);
      expect(mode(r.actor.getSnapshot())).toBe('card');
      expect(submitBlocker(r.actor.getSnapshot())).toBeUndefined();
      r.actor.stop();
    }
  });

  it('an unknown card and a card in use', async () => {
    const r = rig([{ name: 'Lecteur A', atr: OTHER_ATR, inUse: true }]);
    await r.reach('cardInUse');
    expect(stateInWords(r.actor.getSnapshot())).toBe('Carte utilisée par un autre programme');
    r.transport.setReaders([{ name: 'Lecteur A', atr: OTHER_ATR }]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport({ atr: OTHER_ATR, supported: false }));
    await r.reach('cardUnrecognised');
    expect(stateInWords(r.actor.getSnapshot())).toBe('Carte non reconnue');
    r.actor.stop();
  });
});
