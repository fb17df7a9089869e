// "Gestion code porteur" after a CPS4 unblock cut short right after its 01 2C 03 (the PIN's tries
// came back with the old code): once the card is back, both actions, the line that says why the
// unblock is still there, both keys in the bar, and `d` opens the unblock form. In French and in
// English; the French hint word for word at the end.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCardService } from '../../src/card/cps/service.js';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../src/card/transport/in-process.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { LANG_CASES, expectInOrder, flat, head, row, wordsIn } from '../support/words.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const TAB = '\t';
const ENTER = '\r';

/** The APDU of the unblock (counted from its first) that is the CPS4's RESET RETRY COUNTER. */
async function resetApdu(): Promise<number> {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, createFixtureCard('cps4'));
  const commands: string[] = [];
  const service = createCardService(transport, { onTrace: (t) => commands.push(t.command) });
  await service.read(DEFAULT_READER); // as the app does: read first
  commands.length = 0;
  await service.unblockPin(DEFAULT_READER, '12345678', '2468');
  return commands.findIndex((c) => c.startsWith('01 2C 03')) + 1;
}

describe.each(LANG_CASES)('unblock offered again after an interrupted unblock (%s)', (lang) => {
  const w = wordsIn(lang);
  const HINT = w('msg.unblockInterruptedHint').split(':')[0]!.trim();
  const puk = `${w('form.field.puk')}:`;
  it('shows [c] and [d] with the reason, both keys in the bar, and d opens the unblock', async () => {
    const at = await resetApdu();
    const x = (h = await startApp({ card: 'cps4', lang }));
    await x.waitFor(`[d] ${w('pin.unblock')}`);
    await x.press('d');
    await x.waitFor(puk);
    await x.press(...'12345678'.split(''), TAB, ...'2468'.split(''), TAB, ...'2468'.split(''), TAB);
    await x.waitFor(`▶ [ ${w('form.button.unblock')} ] ◀`);
    await vi.waitFor(() => expect(x.actor.getSnapshot().matches({ card: { view: { unblock: 'entering' } } })).toBe(true));
    x.transport.injectFault({ at, kind: 'remove-card', executed: true });
    await x.press(ENTER);
    await x.waitFor((fr) => flat(fr).includes(head(w, 'msg.mayHaveApplied.text')));
    expect(x.card?.snapshot()?.pin).toEqual({ code: '1234', triesLeft: 3 });

    x.transport.insert(DEFAULT_READER, x.card!);
    const f = await x.waitFor((fr) => fr.includes(`[c] ${w('pin.change')}`) && fr.includes(HINT));
    expectInOrder(f, [w('section.pin'), `[c] ${w('pin.change')}`, `[d] ${w('pin.unblock')}`, HINT], (at, label) =>
      expect(at, label).toBeGreaterThan(-1),
    );
    expect(f).toMatch(
      row(w('field.pinState'), w('value.ok', { count: w('value.triesLeft.many', { tries: w('value.tries.many', { n: 3 }) }) })),
    );
    const bar = f.trimEnd().split('\n').at(-1) ?? '';
    expect(bar).toContain(`d ${w('key.card.open-unblock.bar')}`);
    expect(bar).toContain(`c ${w('key.card.open-change.bar')}`);

    await x.press('d');
    await x.waitFor(puk);
    // Past the counters' read, the form stays: a PIN that is not blocked does not close it.
    await x.waitFor(() => x.actor.getSnapshot().matches({ card: { view: { unblock: 'entering' } } }));
    expect(x.frame()).toContain(puk);
  });

  it('a card with a usable PIN and no interrupted unblock shows the change alone', async () => {
    const x = (h = await startApp({ card: 'cps3-rpps', lang }));
    const f = await x.waitFor(`[c] ${w('pin.change')}`);
    expect(f).not.toContain(w('pin.unblock'));
    expect(f).not.toContain(HINT);
  });
});

describe('the interrupted-unblock hint: the reference wording (French)', () => {
  it('"Le dernier déblocage a été interrompu" and the tries in words', async () => {
    const at = await resetApdu();
    const x = (h = await startApp({ card: 'cps4' }));
    await x.waitFor('[d] Débloquer votre code porteur');
    await x.press('d');
    await x.waitFor('Code de déblocage:');
    await x.press(...'12345678'.split(''), TAB, ...'2468'.split(''), TAB, ...'2468'.split(''), TAB);
    await x.waitFor('▶ [ Débloquer ] ◀');
    await vi.waitFor(() => expect(x.actor.getSnapshot().matches({ card: { view: { unblock: 'entering' } } })).toBe(true));
    x.transport.injectFault({ at, kind: 'remove-card', executed: true });
    await x.press(ENTER);
    await x.waitFor('la modification a pu être appliquée ou non');
    x.transport.insert(DEFAULT_READER, x.card!);
    const f = await x.waitFor('Le dernier déblocage a été interrompu');
    expect(f).toContain('Etat du code porteur utilisateur       OK (3 essais restants)');
  });
});
