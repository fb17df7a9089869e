// Issue 17, point 5: after an unblock cut short, the counters read back decide the words. Before,
// a CPS3 whose RESET RETRY COUNTER had run read "OK (3 essais sur 3)" while the tool still said
// "essayez le nouveau code, puis l'ancien" (the old code was blocked and forgotten).

import { describe, expect, it } from 'vitest';
import { waitFor as waitForSnapshot } from 'xstate';
import { EXIT } from '../../../src/app/exit-codes.js';
import { exitCodeFor, trackOutcomes } from '../../../src/app/tui/outcome.js';
import { createAudit } from '../../../src/app/wiring.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { t } from '../../../src/i18n/index.js';
import { noticeText, noticeRemedy } from '../../../src/view/failure.js';

async function cutUnblock(at: number, executed: boolean) {
  const transport = new InProcessTransport();
  const card = createFixtureCard('seed');
  transport.insert(DEFAULT_READER, card);
  const actor = createAudit(transport);
  const tracker = trackOutcomes(actor);
  actor.start();
  await waitForSnapshot(actor, (s) => s.matches('card'), { timeout: 5_000 });
  actor.send({ type: 'OPEN_UNBLOCK' });
  await waitForSnapshot(actor, (s) => s.matches({ card: { view: { unblock: 'entering' } } }), { timeout: 5_000 });
  for (const [i, f] of ['12345678', '4321', '4321'].entries()) {
    for (const ch of f) actor.send(digitsEvent(ch));
    if (i < 3) actor.send({ type: 'NEXT_FIELD' });
  }
  // The card leaves during APDU `at` of the operation (run on the card or not, its answer lost).
  transport.injectFault({ at, kind: 'remove-card', executed });
  actor.send({ type: 'SUBMIT' });
  await waitForSnapshot(actor, (s) => s.matches('interrupted'), { timeout: 5_000 });
  expect(actor.getSnapshot().context.notice?.mayHaveApplied).toBe(true);
  transport.insert(DEFAULT_READER, card);
  await waitForSnapshot(actor, (s) => s.matches({ card: { view: 'browsing' } }) && s.context.report !== undefined, { timeout: 5_000 });
  return { actor, card, tracker };
}

describe('an unblock cut short, the card read again', () => {
  it('cut on RESET RETRY COUNTER, which ran: the PIN is back to 3 of 3, the words say "use the new code"', async () => {
    // After the read: EF.SN.ICC (1), the counters (SELECT MF, GET DATA and GET RESPONSE twice), VERIFY PUK, then RESET RETRY COUNTER: the 8th.
    const { actor, card, tracker } = await cutUnblock(8, true);
    const c = actor.getSnapshot().context;
    expect(c.report?.pin.triesLeft).toBe(3);
    expect(card.snapshot()?.pin.code).toBe('4321');
    expect(noticeText(c.notice)).toBe(t('msg.unblockApplied.text'));
    expect(noticeRemedy(c.notice)).toBe(t('msg.unblockApplied.remedy'));
    expect(noticeText(c.notice)).not.toMatch(/ancien|old/);
    // Nothing left to resume: the unblock is no longer offered on a working PIN.
    expect(c.unblockInterrupted).toBeUndefined();
    // The card's own verdict: the seed expired in 2014 (13), not "may have applied" (41).
    expect(exitCodeFor(actor.getSnapshot(), tracker.last(), false)).toBe(EXIT.expired);
    actor.stop();
  });

  it('cut as RESET RETRY COUNTER went out, before the card ran it: the PIN is still blocked, "not applied, unblock again"', async () => {
    const { actor } = await cutUnblock(8, false);
    const c = actor.getSnapshot().context;
    expect(c.report?.pin.triesLeft).toBe(0);
    expect(noticeText(c.notice)).toBe(t('msg.unblockNotApplied.text'));
    actor.stop();
  });
});
