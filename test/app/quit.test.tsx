// Ctrl-C during an unblock: the app waits for the operation in flight, so the card is never
// left half-way; the wait is bounded. In French and in English.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { operationInFlight } from '../../src/app/tui/key-handler.js';
import { whenSafeToQuit } from '../../src/app/tui/quit.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { LANG_CASES, wordsIn } from '../support/words.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

describe.each(LANG_CASES)('quitting during a PIN operation (%s)', (lang) => {
  const w = wordsIn(lang);
  it('waits until the unblock has finished, and the card is unblocked', async () => {
    let inFlightAtQuit = false;
    let safe: Promise<boolean> | undefined;
    let doneWhenResolved = false;
    h = await startApp({
      card: 'seed',
      lang,
      onQuit: (actor) => {
        inFlightAtQuit = operationInFlight(actor.getSnapshot());
        actor.send({ type: 'QUIT' });
        safe = whenSafeToQuit(actor, 5_000).then((r) => {
          doneWhenResolved = actor.getSnapshot().matches('done');
          return r;
        });
      },
    });
    await h.waitFor(`[d] ${w('pin.unblock')}`);
    await h.press('d');
    await h.waitFor(w('form.typed', { typed: 0, length: 8 }));
    await h.press('12345678', '\t', '4321', '\t', '4321', '\t');
    await h.waitFor(`▶ [ ${w('form.button.unblock')} ] ◀`);
    // The counters read as the form opened are in (an Enter before would wait for them).
    await vi.waitFor(() => expect(h!.actor.getSnapshot().matches({ card: { view: { unblock: 'entering' } } })).toBe(true));
    const apdus = h.transport.apduCount;
    // Enter then Ctrl-C in one chunk: the quit arrives while the unblock is on its way.
    await h.press('\r\u0003');
    expect(h.quits).toBe(1);
    expect(inFlightAtQuit).toBe(true);
    let done = false;
    await act(async () => {
      done = await safe!;
    });
    expect(done).toBe(true);
    // It resolved only once the unblock had completed, not while it was on its way.
    expect(doneWhenResolved).toBe(true);
    expect(h.transport.apduCount).toBeGreaterThan(apdus);
    expect(h.actor.getSnapshot().matches('done')).toBe(true);
    expect(h.actor.getSnapshot().context.quitRequested).toBe(true);
  });

  it('is immediate when nothing is in flight', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.waitFor('M DENT-CS0595 EMILE');
    expect(await whenSafeToQuit(h.actor, 5_000)).toBe(true);
  });
});
