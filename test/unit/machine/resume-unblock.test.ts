// A CPS4 unblock cut short between its RESET RETRY COUNTER (01 2C 03: the PIN's tries come back,
// old code kept) and its CHANGE (01 24 01 <new PIN>): the PIN is no longer blocked but holds a
// code the holder has forgotten. Once that card is back, the unblock is still offered, beside
// the change, until an unblock or a change succeeds or another card is read. The real card
// service, the in-process transport and the cps4 simulator: no double.

import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard, type Cps4FixtureCard, type SimulatedCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport, type Fault } from '../../../src/card/transport/in-process.js';
import { auditMachine, type AuditMachine } from '../../../src/machine/machine.js';
import { MAY_HAVE_APPLIED, NOTHING_APPLIED } from '../../../src/machine/messages.js';
import { codeAction, codeActions } from '../../../src/machine/selectors.js';
import { unblockInterruptedHint, unblockResumeHint } from '../../../src/view/words.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { noticeText } from '../../../src/view/failure.js';

type Snap = ReturnType<Actor<AuditMachine>['getSnapshot']>;
type FaultSpec = Fault extends infer F ? (F extends Fault ? Omit<F, 'at'> : never) : never;

const PUK = '12345678';
const OLD_PIN = '1234';
const NEW_PIN = '2468';
const CPS4_SERIAL = '99410026';

/** Where each command of a CPS4 unblock falls, counted from the unblock's first APDU. */
async function unblockApdus(): Promise<{ verifyPuk: number; reset: number; change: number }> {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, createFixtureCard('cps4'));
  const commands: string[] = [];
  const service = createCardService(transport, { onTrace: (t) => commands.push(t.command) });
  // As the machine does: the card is read first (its AODF entries are then known to the service).
  await service.read(DEFAULT_READER);
  commands.length = 0;
  await service.unblockPin(DEFAULT_READER, PUK, NEW_PIN);
  const at = (prefix: string) => commands.findIndex((c) => c.startsWith(prefix)) + 1;
  return { verifyPuk: at('01 20 00'), reset: at('01 2C 03'), change: at('01 24 01') };
}

function bench(onCommand?: (command: string, transport: InProcessTransport) => void) {
  const transport = new InProcessTransport();
  const card = createFixtureCard('cps4') as Cps4FixtureCard;
  transport.insert(DEFAULT_READER, card);
  const cards = createCardService(transport, { onTrace: (t) => onCommand?.(t.command, transport) });
  const actor = createActor(auditMachine, { input: { transport, cards } }).start();
  const until = (p: (s: Snap) => boolean) => waitFor(actor, p, { timeout: 5000 });
  const snap = () => actor.getSnapshot();
  const offers = (s: Snap = snap()) => ({ unblock: s.can({ type: 'OPEN_UNBLOCK' }), change: s.can({ type: 'OPEN_CHANGE' }) });
  const fill = (...parts: string[]) => {
    for (const p of parts) {
      for (const ch of p) actor.send(digitsEvent(ch));
      actor.send({ type: 'NEXT_FIELD' });
    }
  };
  /** Opens the unblock and sends it with `fault` placed at the unblock's APDU `at`. */
  async function unblockWith(fault: FaultSpec | undefined, at: number): Promise<Snap> {
    actor.send({ type: 'OPEN_UNBLOCK' });
    await until((s) => s.matches({ card: { view: { unblock: 'entering' } } }));
    fill(PUK, NEW_PIN, NEW_PIN);
    if (fault) transport.injectFault({ ...fault, at });
    actor.send({ type: 'SUBMIT' });
    const settled = await until(
      (s) => s.matches('interrupted') || s.matches('done') || s.matches('reading') || s.matches({ card: { view: { unblock: 'final' } } }),
    );
    transport.clearFaults();
    return settled;
  }
  /** The card (this one or another) in the reader, read, on its card screen. */
  async function putBack(c: SimulatedCard = card): Promise<Snap> {
    let read = false;
    const watch = actor.subscribe((s) => {
      read ||= s.matches('reading');
    });
    try {
      transport.insert(DEFAULT_READER, c);
      read ||= snap().matches('reading');
      return await until((s) => read && s.matches({ card: { view: 'browsing' } }));
    } finally {
      watch.unsubscribe();
    }
  }
  async function removeAndPutBack(): Promise<Snap> {
    await until((s) => s.matches({ done: 'waitRemoval' }));
    transport.remove(DEFAULT_READER);
    await until((s) => s.matches({ done: 'waitReinsert' }));
    return putBack();
  }
  /** Removed right after the card ran 2C 03: its PIN has its tries back and the old code. */
  async function cutAfterReset(): Promise<Snap> {
    const apdus = await unblockApdus();
    await until((s) => s.matches({ card: { codes: 'pinBlocked' } }));
    const settled = await unblockWith({ kind: 'remove-card', executed: true }, apdus.reset);
    expect(settled.matches('interrupted')).toBe(true);
    expect(settled.context.notice).toEqual(MAY_HAVE_APPLIED);
    expect(card.snapshot().pin).toEqual({ code: OLD_PIN, triesLeft: 3 });
    return settled;
  }
  return { transport, card, actor, until, snap, offers, fill, unblockWith, putBack, removeAndPutBack, cutAfterReset };
}

describe('an unblock interrupted mid-write is offered again on that card', () => {
  it('after the 2C 03 ran: unblock beside change though the PIN shows 3 tries, then a full unblock sets the new PIN', async () => {
    const b = bench();
    try {
      const cut = await b.cutAfterReset();
      expect(cut.context.unblockInterrupted).toBe(CPS4_SERIAL);

      const back = await b.putBack();
      expect(back.matches({ card: { codes: 'pinOk' } })).toBe(true);
      expect(back.context.report?.pin.triesLeft).toBe(3);
      expect(back.context.notice).toEqual(MAY_HAVE_APPLIED);
      expect(b.offers(back)).toEqual({ unblock: true, change: true });
      expect(codeActions(back.context).map((a) => a.event)).toEqual(['OPEN_CHANGE', 'OPEN_UNBLOCK']);
      expect(codeAction(back.context)?.event).toBe('OPEN_CHANGE');
      expect(unblockResumeHint(back.context)).toBe(unblockInterruptedHint());

      // The form stays open although the PIN is not blocked, and the unblock goes through.
      const done = await b.unblockWith(undefined, 0);
      expect(done.matches('done')).toBe(true);
      expect(done.context.unblockInterrupted).toBeUndefined();
      expect(b.card.snapshot().pin).toEqual({ code: NEW_PIN, triesLeft: 3 });

      const after = await b.removeAndPutBack();
      expect(after.matches({ card: { codes: 'pinOk' } })).toBe(true);
      expect(b.offers(after)).toEqual({ unblock: false, change: true });
      expect(unblockResumeHint(after.context)).toBeUndefined();
    } finally {
      b.actor.stop();
      await b.transport.close();
    }
  });

  it('does not carry to another card, nor back to this one once another was read', async () => {
    const b = bench();
    try {
      await b.cutAfterReset();
      const other = createFixtureCard('cps3-rpps');
      const shown = await b.putBack(other);
      expect(shown.context.report?.serial).toMatchObject({ ok: true });
      expect(shown.context.report?.serial).not.toEqual({ ok: true, value: CPS4_SERIAL });
      expect(shown.matches({ card: { codes: 'pinOk' } })).toBe(true);
      expect(shown.context.unblockInterrupted).toBeUndefined();
      expect(b.offers(shown)).toEqual({ unblock: false, change: true });
      expect(unblockResumeHint(shown.context)).toBeUndefined();

      const again = await b.putBack(b.card);
      expect(again.context.report?.serial).toEqual({ ok: true, value: CPS4_SERIAL });
      expect(again.matches({ card: { codes: 'pinOk' } })).toBe(true);
      expect(b.offers(again)).toEqual({ unblock: false, change: true });
    } finally {
      b.actor.stop();
      await b.transport.close();
    }
  });

  it('a successful change clears it', async () => {
    const b = bench();
    try {
      await b.cutAfterReset();
      const back = await b.putBack();
      expect(b.offers(back).unblock).toBe(true);
      b.actor.send({ type: 'OPEN_CHANGE' });
      await b.until((s) => s.matches({ card: { view: { change: 'entering' } } }));
      b.fill(OLD_PIN, NEW_PIN, NEW_PIN);
      b.actor.send({ type: 'SUBMIT' });
      const done = await b.until((s) => s.matches('done'));
      expect(done.context.unblockInterrupted).toBeUndefined();
      const after = await b.removeAndPutBack();
      expect(b.card.snapshot().pin.code).toBe(NEW_PIN);
      expect(b.offers(after)).toEqual({ unblock: false, change: true });
    } finally {
      b.actor.stop();
      await b.transport.close();
    }
  });

  it('the PUK still gates it: a blocked PUK offers the change only', async () => {
    const b = bench();
    try {
      await b.cutAfterReset();
      const s = b.card.snapshot();
      b.card.restore({ ...s, puk: { ...s.puk, triesLeft: 0 } });
      const back = await b.putBack();
      expect(back.context.report?.puk.triesLeft).toBe(0);
      expect(back.context.unblockInterrupted).toBe(CPS4_SERIAL);
      expect(b.offers(back)).toEqual({ unblock: false, change: true });
      expect(codeActions(back.context).map((a) => a.event)).toEqual(['OPEN_CHANGE']);
      expect(unblockResumeHint(back.context)).toBeUndefined();
    } finally {
      b.actor.stop();
      await b.transport.close();
    }
  });

  it('not remembered when nothing may have been written: removed before the PUK was sent', async () => {
    const b = bench();
    try {
      const apdus = await unblockApdus();
      await b.until((s) => s.matches({ card: { codes: 'pinBlocked' } }));
      const cut = await b.unblockWith({ kind: 'remove-card', executed: false }, apdus.verifyPuk);
      expect(cut.context.notice).toEqual(NOTHING_APPLIED);
      expect(cut.context.unblockInterrupted).toBeUndefined();
      const back = await b.putBack();
      // Still blocked: the ordinary unblock, alone, no hint.
      expect(back.matches({ card: { codes: 'pinBlocked' } })).toBe(true);
      expect(b.offers(back)).toEqual({ unblock: true, change: false });
      expect(unblockResumeHint(back.context)).toBeUndefined();
    } finally {
      b.actor.stop();
      await b.transport.close();
    }
  });

  it('a garbled answer to the 24 01 ("a pu être appliquée") is remembered too', async () => {
    const b = bench();
    try {
      const apdus = await unblockApdus();
      await b.until((s) => s.matches({ card: { codes: 'pinBlocked' } }));
      const settled = await b.unblockWith({ kind: 'garbage' }, apdus.change);
      // Read again at once, the notice kept over the card screen.
      expect(settled.matches('reading')).toBe(true);
      expect(noticeText(settled.context.notice)).toMatch(/a pu être appliquée ou non/);
      expect(settled.context.unblockInterrupted).toBe(CPS4_SERIAL);
      const back = await b.until((s) => s.matches({ card: { codes: 'pinOk' } }) && s.matches({ card: { view: 'browsing' } }));
      expect(b.offers(back)).toEqual({ unblock: true, change: true });
    } finally {
      b.actor.stop();
      await b.transport.close();
    }
  });

  it('pcscd stopping right after the 2C 03 is remembered too, and kept when it comes back', async () => {
    let armed = false;
    const b = bench((command, transport) => {
      if (armed && command.startsWith('01 2C 03')) transport.stopService();
    });
    try {
      await b.until((s) => s.matches({ card: { codes: 'pinBlocked' } }));
      b.actor.send({ type: 'OPEN_UNBLOCK' });
      await b.until((s) => s.matches({ card: { view: { unblock: 'entering' } } }));
      b.fill(PUK, NEW_PIN, NEW_PIN);
      armed = true;
      b.actor.send({ type: 'SUBMIT' });
      // Interrupted, then at once the "pcscd down" screen, the notice kept.
      const settled = await b.until((s) => s.matches('serviceUnavailable') || s.matches('done'));
      armed = false;
      expect(settled.matches('serviceUnavailable')).toBe(true);
      expect(noticeText(settled.context.notice)).toMatch(/pcscd.*a pu être appliquée ou non/);
      expect(settled.context.unblockInterrupted).toBe(CPS4_SERIAL);
      expect(b.card.snapshot().pin).toEqual({ code: OLD_PIN, triesLeft: 3 });
      b.transport.startService();
      const back = await b.until((s) => s.matches({ card: { codes: 'pinOk' } }) && s.matches({ card: { view: 'browsing' } }));
      expect(b.offers(back)).toEqual({ unblock: true, change: true });
      expect(unblockResumeHint(back.context)).toBe(unblockInterruptedHint());
    } finally {
      b.actor.stop();
      await b.transport.close();
    }
  });
});
