// "Gestion code porteur" after a CPS4 unblock cut short right after its 01 2C 03 (the PIN's tries
// came back with the old code): once the card is back, both actions, the line that says why the
// unblock is still there, both keys in the bar, and `d` opens the unblock form.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCardService } from '../../src/card/cps/service.js';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../src/card/transport/in-process.js';
import { startApp, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const TAB = '\t';
const ENTER = '\r';
const HINT = 'Le dernier déblocage a été interrompu';

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

describe('unblock offered again after an interrupted unblock', () => {
  it('shows [c] and [d] with the reason, both keys in the bar, and d opens the unblock', async () => {
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
    expect(x.card?.snapshot()?.pin).toEqual({ code: '1234', triesLeft: 3 });

    x.transport.insert(DEFAULT_READER, x.card!);
    const f = await x.waitFor((fr) => fr.includes('[c] Changer votre code porteur') && fr.includes(HINT));
    const order = ['Gestion code porteur', '[c] Changer votre code porteur', '[d] Débloquer votre code porteur', HINT];
    let pos = -1;
    for (const text of order) {
      const i = f.indexOf(text, pos + 1);
      expect(i, text).toBeGreaterThan(pos);
      pos = i;
    }
    expect(f).toContain('Etat du code porteur utilisateur       OK (3 essais restants)');
    const bar = f.trimEnd().split('\n').at(-1) ?? '';
    expect(bar).toContain('d débloquer');
    expect(bar).toContain('c changer');

    await x.press('d');
    await x.waitFor('Code de déblocage:');
    // Past the counters' read, the form stays: a PIN that is not blocked does not close it.
    await x.waitFor(() => x.actor.getSnapshot().matches({ card: { view: { unblock: 'entering' } } }));
    expect(x.frame()).toContain('Code de déblocage:');
  });

  it('a card with a usable PIN and no interrupted unblock shows the change alone', async () => {
    const x = (h = await startApp({ card: 'cps3-rpps' }));
    const f = await x.waitFor('[c] Changer votre code porteur');
    expect(f).not.toContain('Débloquer votre code porteur');
    expect(f).not.toContain(HINT);
  });
});
