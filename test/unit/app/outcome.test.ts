// The last operation's outcome and the exit code, read from the machine's snapshots (outcome.ts):
// done, failed with tries left, may have applied, nothing changed, ended, and the card's state.

import { describe, expect, it } from 'vitest';
import { waitFor as waitForSnapshot } from 'xstate';
import { EXIT } from '../../../src/app/exit-codes.js';
import { exitCodeFor, exitLine, trackOutcomes } from '../../../src/app/tui/outcome.js';
import { createAudit } from '../../../src/app/wiring.js';
import { createFixtureCard, type FixtureName } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { setLanguage } from '../../../src/i18n/index.js';
import { noticeText } from '../../../src/view/failure.js';

async function started(card: FixtureName) {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, createFixtureCard(card));
  const actor = createAudit(transport);
  const tracker = trackOutcomes(actor);
  actor.start();
  await waitForSnapshot(actor, (s) => s.matches('card'), { timeout: 5_000 });
  return { transport, actor, tracker };
}

function type(actor: ReturnType<typeof createAudit>, ...fields: string[]) {
  fields.forEach((f, i) => {
    for (const ch of f) actor.send(digitsEvent(ch));
    if (i < fields.length) actor.send({ type: 'NEXT_FIELD' });
  });
}

async function openUnblock(actor: ReturnType<typeof createAudit>) {
  actor.send({ type: 'OPEN_UNBLOCK' });
  await waitForSnapshot(actor, (s) => s.matches({ card: { view: { unblock: 'entering' } } }), { timeout: 5_000 });
}

describe('exit code and outcome from the snapshots', () => {
  it('the seed card on screen, nothing done: PIN blocked', async () => {
    const { actor, tracker } = await started('seed');
    const snap = actor.getSnapshot();
    expect(exitCodeFor(snap, tracker.last(), false)).toBe(EXIT.pinBlocked);
    expect(exitLine(snap, tracker.last(), EXIT.pinBlocked)).toBe(
      'cps-audit : carte 99002752 (CPS3), code porteur bloqué, déblocage 10 essais ; aucune opération — code de sortie 10',
    );
    actor.stop();
  });

  it('a wrong PUK: failed, with the tries left', async () => {
    const { actor, tracker } = await started('seed');
    await openUnblock(actor);
    type(actor, '87654321', '4321', '4321');
    actor.send({ type: 'SUBMIT' });
    await waitForSnapshot(actor, (s) => s.context.form?.error !== undefined, { timeout: 5_000 });
    expect(tracker.last()).toMatchObject({ kind: 'failed', op: 'unblock' });
    const snap = actor.getSnapshot();
    const code = exitCodeFor(snap, tracker.last(), false);
    expect(code).toBe(EXIT.operationFailed);
    expect(exitLine(snap, tracker.last(), code)).toMatch(
      /déblocage refusé : Code de déblocage erroné\. Il vous reste 9 essais\. — code de sortie 40$/,
    );
    actor.stop();
  });

  it('the same wrong-PUK session gives 40 whatever key ends it: from the form, or after Esc on the card screen (was 10)', async () => {
    const { actor, tracker } = await started('seed');
    await openUnblock(actor);
    type(actor, '87654321', '4321', '4321');
    actor.send({ type: 'SUBMIT' });
    await waitForSnapshot(actor, (s) => s.context.form?.error !== undefined, { timeout: 5_000 });
    expect(exitCodeFor(actor.getSnapshot(), tracker.last(), false)).toBe(EXIT.operationFailed);
    actor.send({ type: 'CLOSE_FORM' });
    await waitForSnapshot(actor, (s) => s.matches({ card: { view: 'browsing' } }), { timeout: 5_000 });
    expect(exitCodeFor(actor.getSnapshot(), tracker.last(), false)).toBe(EXIT.operationFailed);
    actor.stop();
  });

  it('the right PUK: done, exit 0, the line says the PIN is unblocked', async () => {
    const { actor, tracker } = await started('seed');
    await openUnblock(actor);
    type(actor, '12345678', '4321', '4321');
    actor.send({ type: 'SUBMIT' });
    await waitForSnapshot(actor, (s) => s.matches('done'), { timeout: 5_000 });
    expect(tracker.last()).toEqual({ kind: 'done', op: 'unblock' });
    const snap = actor.getSnapshot();
    // Unblocked, but the seed card expired in 2014: not 0 (issue 17), 13.
    expect(exitCodeFor(snap, tracker.last(), false)).toBe(EXIT.expired);
    expect(exitLine(snap, tracker.last(), 0)).toContain('code porteur débloqué ; dernière opération : déblocage réussi');
    actor.stop();
  });

  it('the card pulled after the write went out: may have applied', async () => {
    const { actor, tracker, transport } = await started('seed');
    await openUnblock(actor);
    type(actor, '12345678', '4321', '4321');
    // The unblock's last APDU runs on the card, its answer never arrives.
    // After the read: EF.SN.ICC by its short identifier (1 APDU), the two counters (SELECT MF,
    // then GET DATA and GET RESPONSE twice), VERIFY PUK, then RESET RETRY COUNTER: the 8th.
    transport.injectFault({ at: 8, kind: 'remove-card', executed: true });
    actor.send({ type: 'SUBMIT' });
    await waitForSnapshot(actor, (s) => s.matches('interrupted') || s.matches('done') || s.matches('route'), { timeout: 5_000 });
    const last = tracker.last();
    expect(last?.kind).toBe('mayHaveApplied');
    expect(exitCodeFor(actor.getSnapshot(), last, false)).toBe(EXIT.mayHaveApplied);
    actor.stop();
  });

  it('in English too: the card pulled after the write went out is "may have applied", never "nothing changed"', async () => {
    setLanguage('en');
    try {
      const { actor, tracker, transport } = await started('seed');
      await openUnblock(actor);
      type(actor, '12345678', '4321', '4321');
      transport.injectFault({ at: 8, kind: 'remove-card', executed: true }); // the RESET RETRY COUNTER (see above)
      actor.send({ type: 'SUBMIT' });
      await waitForSnapshot(actor, (s) => s.matches('interrupted'), { timeout: 5_000 });
      expect(tracker.last()?.kind).toBe('mayHaveApplied');
      expect(exitCodeFor(actor.getSnapshot(), tracker.last(), false)).toBe(EXIT.mayHaveApplied);
      // Back on the card screen, the counters read back decide (issue 17): this card's PIN is
      // still blocked, so the unblock was not applied, said in English; the code is the card's.
      transport.insert(DEFAULT_READER, createFixtureCard('seed'));
      await waitForSnapshot(actor, (s) => s.matches('card'), { timeout: 5_000 });
      expect(noticeText(actor.getSnapshot().context.notice)).toBe('The interrupted unblock was not applied: the PIN is still blocked.');
      expect(exitCodeFor(actor.getSnapshot(), tracker.last(), false)).toBe(EXIT.pinBlocked);
      actor.stop();
    } finally {
      setLanguage('fr');
    }
  });

  it('the card pulled before any code went out: nothing changed', async () => {
    const { actor, tracker, transport } = await started('seed');
    await openUnblock(actor);
    type(actor, '12345678', '4321', '4321');
    transport.injectFault({ at: 1, kind: 'remove-card', executed: false });
    actor.send({ type: 'SUBMIT' });
    await waitForSnapshot(actor, (s) => s.matches('interrupted'), { timeout: 5_000 });
    expect(tracker.last()?.kind).toBe('nothingChanged');
    expect(exitCodeFor(actor.getSnapshot(), tracker.last(), false)).toBe(EXIT.nothingChanged);
    actor.stop();
  });

  it('a wait that ran out: still running', async () => {
    const { actor, tracker } = await started('seed');
    expect(exitCodeFor(actor.getSnapshot(), { kind: 'stillRunning', op: 'unblock' }, true)).toBe(EXIT.stillRunning);
    expect(exitLine(actor.getSnapshot(), { kind: 'stillRunning', op: 'unblock' }, 43)).toContain('encore en cours');
    tracker.stop();
    actor.stop();
  });

  it('cards that cannot be unblocked, a working card, an unknown card', async () => {
    for (const [card, code] of [
      ['puk-blocked', EXIT.cannotUnblock],
      ['cps3-rpps', EXIT.ok],
      ['puk-exhausted', EXIT.cannotUnblock],
    ] as const) {
      const { actor, tracker } = await started(card);
      expect(exitCodeFor(actor.getSnapshot(), tracker.last(), false), card).toBe(code);
      actor.stop();
    }
    const transport = new InProcessTransport();
    transport.insert(DEFAULT_READER, createFixtureCard('unknown'));
    const actor = createAudit(transport);
    actor.start();
    await waitForSnapshot(actor, (s) => s.matches('cardUnrecognised'), { timeout: 5_000 });
    expect(exitCodeFor(actor.getSnapshot(), undefined, false)).toBe(EXIT.cardUnrecognised);
    actor.stop();
    const empty = new InProcessTransport();
    const a2 = createAudit(empty);
    a2.start();
    await waitForSnapshot(a2, (s) => s.matches('noCard'), { timeout: 5_000 });
    expect(exitCodeFor(a2.getSnapshot(), undefined, false)).toBe(EXIT.noCard);
    a2.stop();
  });
});

describe('landing after sending, on the machine the lead is changing', () => {
  it('sending → confirmLastTry (the card says last try, not confirmed): awaiting confirmation, nothing sent', async () => {
    const { landing } = await import('../../../src/app/tui/outcome.js');
    const view = {
      context: {} as never,
      matches: (v: unknown) => JSON.stringify(v) === JSON.stringify({ card: { view: { unblock: 'confirmLastTry' } } }),
      can: () => false,
    };
    expect(landing('unblock', view)).toEqual({ kind: 'awaitingConfirmation', op: 'unblock' });
    const still = { ...view, matches: (v: unknown) => JSON.stringify(v) === JSON.stringify({ card: { view: { unblock: 'sending' } } }) };
    expect(landing('unblock', still)).toBeUndefined();
  });
});

// Issue 11a: the exit line in English, and "may have applied" told apart in English too (before,
// outcome.ts looked for the French words only: an English run exited 42 where 41 was true).
describe('the exit line in English (--lang en)', () => {
  it('says the card, the PIN and the outcome in English', async () => {
    setLanguage('en');
    try {
      const { actor, tracker } = await started('seed');
      const snap = actor.getSnapshot();
      expect(exitLine(snap, tracker.last(), EXIT.pinBlocked)).toBe(
        'cps-audit: card 99002752 (CPS3), PIN blocked, unblock code 10 tries; no operation — exit code 10',
      );
      actor.stop();
    } finally {
      setLanguage('fr');
    }
  });

  it('the card pulled after the write went out: may have applied, exit 41, said in English', async () => {
    setLanguage('en');
    try {
      const { actor, tracker, transport } = await started('seed');
      await openUnblock(actor);
      type(actor, '12345678', '4321', '4321');
      transport.injectFault({ at: 8, kind: 'remove-card', executed: true }); // the RESET RETRY COUNTER (see above)
      actor.send({ type: 'SUBMIT' });
      await waitForSnapshot(actor, (s) => s.matches('interrupted') || s.matches('done') || s.matches('route'), { timeout: 5_000 });
      const last = tracker.last();
      expect(last?.kind).toBe('mayHaveApplied');
      const code = exitCodeFor(actor.getSnapshot(), last, false);
      expect(code).toBe(EXIT.mayHaveApplied);
      expect(exitLine(actor.getSnapshot(), last, code)).toMatch(
        /; last operation: unblock interrupted, may or may not have been applied: reinsert the card, its tries will tell — exit code 41$/,
      );
      actor.stop();
    } finally {
      setLanguage('fr');
    }
  });
});
