// Which state the reader list and the PC/SC service lead to, and how the machine recovers.

import { describe, expect, it } from 'vitest';
import { UnexpectedCardResponseError } from '../../../src/card/cps/errors.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import { A, A_EMPTY, B, B_EMPTY, OTHER_ATR, makeReport, rig, settle } from '../../support/machine-doubles.js';
import { noticeRemedy, noticeText, readerMismatchWords } from '../../../src/view/failure.js';

describe('routing by readers and service', () => {
  it('starts in "starting" until the transport speaks', async () => {
    const r = rig([]);
    // The scripted transport reports at once: no reader.
    await r.reach('noReader');
    r.actor.stop();
  });

  it('no reader → reader without card → card → read', async () => {
    const r = rig([]);
    await r.reach('noReader');
    r.transport.setReaders([A_EMPTY]);
    await r.reach('noCard');
    r.transport.setReaders([A]);
    await r.reach('reading');
    const call = await r.cards.next('read');
    expect(call.args).toEqual(['Lecteur A']);
    call.resolve(makeReport());
    await r.reach('card');
    expect(r.actor.getSnapshot().context.selected).toBe('Lecteur A');
    r.actor.stop();
  });

  it('pcscd going away at any point, and coming back', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport());
    await r.reach('card');
    r.transport.serviceDown();
    await r.reach('serviceUnavailable');
    expect(r.actor.getSnapshot().context.serviceError?.kind).toBe('service-unavailable');
    expect(r.actor.getSnapshot().context.readers).toEqual([]);
    r.transport.serviceUp([A]);
    await r.reach('reading');
    r.actor.stop();
  });

  it('access refused by the PC/SC service is its own state', async () => {
    const r = rig([]);
    await r.reach('noReader');
    r.transport.serviceDown('access-refused');
    await r.reach('accessRefused');
    r.actor.stop();
  });

  it('a watch that throws at once is reported as the service being down', async () => {
    const { createActor } = await import('xstate');
    const { auditMachine } = await import('../../../src/machine/machine.js');
    const { ScriptedCards } = await import('../../support/machine-doubles.js');
    const transport = {
      watch() {
        throw new TransportError('service-unavailable', 'no pcscd');
      },
      connect: () => Promise.reject(new Error('x')),
      close: () => Promise.resolve(),
    };
    const actor = createActor(auditMachine, { input: { transport, cards: new ScriptedCards() } }).start();
    expect(actor.getSnapshot().matches('serviceUnavailable')).toBe(true);
    actor.stop();
  });

  it('never picks silently between two CPS: the user chooses', async () => {
    const r = rig([A, B]);
    await r.reach('choosingReader');
    expect(r.actor.getSnapshot().can({ type: 'SELECT_READER', name: 'Lecteur Z' })).toBe(false);
    r.actor.send({ type: 'SELECT_READER', name: 'Lecteur B' });
    await r.reach('reading');
    expect((await r.cards.next('read')).args).toEqual(['Lecteur B']);
    r.actor.stop();
  });

  it('picks the one reader whose card identifies as a CPS', async () => {
    const r = rig([{ name: 'Lecteur A', atr: OTHER_ATR }, B]);
    await r.reach('reading');
    expect((await r.cards.next('read')).args).toEqual(['Lecteur B']);
    r.actor.stop();
  });

  it('two unknown cards: the user chooses', async () => {
    const r = rig([
      { name: 'Lecteur A', atr: OTHER_ATR },
      { name: 'Lecteur B', atr: OTHER_ATR },
    ]);
    await r.reach('choosingReader');
    r.actor.stop();
  });

  it('a reader the user chose stays chosen while its card is out', async () => {
    const r = rig([A, B]);
    await r.reach('choosingReader');
    r.actor.send({ type: 'SELECT_READER', name: 'Lecteur A' });
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport());
    await r.reach('card');
    r.transport.setReaders([A_EMPTY, B]);
    await r.reach('noCard');
    r.transport.setReaders([A, B]);
    await r.reach('reading');
    expect((await r.cards.next('read')).args).toEqual(['Lecteur A']);
    r.actor.stop();
  });

  it('the reader list stays open while readers come and go; Esc returns to the card', async () => {
    const r = rig([A, B_EMPTY]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport());
    await r.reach('card');
    r.actor.send({ type: 'CHOOSE_READER' });
    await r.reach('choosingReader');
    r.transport.setReaders([A, B]);
    await settle();
    expect(r.actor.getSnapshot().matches('choosingReader')).toBe(true);
    r.actor.send({ type: 'CANCEL_CHOICE' });
    await r.reach('card');
    expect(r.cards.calls).toHaveLength(0);
    r.actor.stop();
  });

  it('one reader: "l" does nothing', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport());
    await r.reach('card');
    expect(r.actor.getSnapshot().can({ type: 'CHOOSE_READER' })).toBe(false);
    r.actor.stop();
  });
});

describe('--reader NAME', () => {
  it('matches a unique part of a name', async () => {
    const r = rig([A, B], 'b');
    await r.reach('reading');
    expect((await r.cards.next('read')).args).toEqual(['Lecteur B']);
    r.actor.stop();
  });

  it('waits for a card in the forced reader, even when another holds one; offers no list', async () => {
    const r = rig([A, B_EMPTY], 'Lecteur B');
    await r.reach('noCard');
    expect(r.actor.getSnapshot().can({ type: 'CHOOSE_READER' })).toBe(false);
    r.actor.stop();
  });

  it('an ambiguous or unknown name is a reader problem, in French', async () => {
    const r = rig([A, B], 'Lecteur');
    await r.reach('noReader');
    expect(readerMismatchWords(r.actor.getSnapshot().context.readerProblem!)).toMatch(/Plusieurs lecteurs/);
    r.transport.setReaders([A]);
    await r.reach('reading');
    r.actor.stop();
  });
});

describe('reading the card', () => {
  it('an unknown card is shown with its ATR, and is left for another', async () => {
    const r = rig([{ name: 'Lecteur A', atr: OTHER_ATR }]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport({ atr: OTHER_ATR, supported: false }));
    await r.reach('cardUnrecognised');
    expect(noticeText(r.actor.getSnapshot().context.problem)).toContain('3B 8F 80 01');
    r.transport.setReaders([A_EMPTY]);
    await r.reach('noCard');
    r.actor.stop();
  });

  it('a card used by another program recovers when released', async () => {
    const r = rig([{ ...A, inUse: true }]);
    await r.reach('cardInUse');
    expect(r.cards.calls).toHaveLength(0);
    r.transport.setReaders([A]);
    await r.reach('reading');
    (await r.cards.next('read')).reject(new TransportError('card-in-use', 'busy'));
    await r.reach('cardInUse');
    expect(noticeRemedy(r.actor.getSnapshot().context.problem)).toMatch(/Fermez le programme/);
    r.actor.send({ type: 'RETRY' });
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport());
    await r.reach('card');
    r.actor.stop();
  });

  it('a card pcscd still marks as held (the release never signalled) is tried again by itself', async () => {
    const r = rig([{ ...A, inUse: true }]);
    await r.reach('cardInUse');
    // The readers list never changes: the read is tried all the same, and succeeds.
    (await r.cards.next('read', 4000)).resolve(makeReport());
    await r.reach('card');
    r.actor.stop();
  });

  it('a card in use is tried again by itself after a while', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).reject(new TransportError('card-in-use', 'busy'));
    await r.reach('cardInUse');
    (await r.cards.next('read', 4000)).resolve(makeReport());
    await r.reach('card');
    r.actor.stop();
  });

  it('a card removed during the read waits for the card', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).reject(new TransportError('card-removed', 'gone'));
    await r.reach('noCard');
    r.transport.setReaders([A]);
    await r.reach('reading');
    r.actor.stop();
  });

  it('a card removed before the read ends: the read is dropped', async () => {
    const r = rig([A]);
    await r.reach('reading');
    const call = await r.cards.next('read');
    r.transport.setReaders([A_EMPTY]);
    await r.reach('noCard');
    call.resolve(makeReport());
    await settle();
    expect(r.actor.getSnapshot().matches('noCard')).toBe(true);
    r.actor.stop();
  });

  it('an unexpected answer: readFailed with a remedy, RETRY reads again', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).reject(new UnexpectedCardResponseError('SELECT', 0x6f00));
    await r.reach('readFailed');
    expect(noticeRemedy(r.actor.getSnapshot().context.problem)).toMatch(/réinsérez/);
    r.actor.send({ type: 'RETRY' });
    await r.reach('reading');
    r.actor.stop();
  });

  it('pcscd gone during the read', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).reject(new TransportError('service-unavailable', 'down'));
    await r.reach('serviceUnavailable');
    r.actor.stop();
  });

  it('a removal during the read is not retried in a loop', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).reject(new TransportError('card-removed', 'gone'));
    await r.reach('noCard');
    await settle();
    expect(r.cards.calls).toHaveLength(0);
    r.actor.stop();
  });
});

describe('a card swapped between two reports', () => {
  it('is read again', async () => {
    const r = rig([A]);
    await r.reach('reading');
    (await r.cards.next('read')).resolve(makeReport());
    await r.reach('card');
    r.transport.setReaders([{ name: 'Lecteur A', atr: OTHER_ATR }]);
    await r.reach('reading');
    r.actor.stop();
  });
});
