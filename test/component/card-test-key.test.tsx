// Issue 21: the card test from the card screen (`t`), the real app over the in-process simulator,
// in both languages: the PIN asked once in a form, the named checks, the closing line; Esc on the
// PIN skips the key checks; a blocked PIN is not asked; no code in the snapshot afterwards.

import { afterEach, describe, expect, it } from 'vitest';
import { LANGS, tIn, type Lang } from '../../src/i18n/index.js';
import { startApp, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe.each(LANGS.map((l) => [l] as [Lang]))('in %s', (lang) => {
  const w = (k: string) => (tIn as (l: Lang, k: string) => string)(lang, k);

  it('t: the PIN typed once, the checks, the closing line; the PIN left nowhere', async () => {
    h = await startApp({ card: 'cps3-rpps', lang, rows: 60 });
    await h.readDone();
    expect(h.frame()).toContain(`t ${w('key.card.start-test.bar')}`);
    await h.press('t');
    await h.waitFor(w('form.button.test'));
    await h.press('1', '2', '3', '4', '\r', '\r');
    const f = flat(await h.waitFor((s) => flat(s).includes(w('cardTest.status.passed')) && /\d+ tests/.test(flat(s)), 10_000));
    expect(f).toContain(w('cardTest.name.key-authentication'));
    expect(f).toMatch(lang === 'fr' ? /8 tests : \d réussis, \d ignorés, \d échoués/ : /8 tests: \d passed, \d skipped, \d failed/);
    const result = h.actor.getSnapshot().context.cardTest!;
    expect(result.checks.find((c) => c.id === 'key-authentication')?.status).toBe('passed');
    // The form (the only place the PIN was held) is gone, its code zeroed.
    expect(h.actor.getSnapshot().context.form).toBeUndefined();
    expect(h.card?.snapshot()?.pin.triesLeft).toBe(3);
    await h.press('\u001b');
    await h.waitFor(`t ${w('key.card.start-test.bar')}`);
  });

  it('Esc on the PIN: the key checks needing it are skipped, nothing sent', async () => {
    h = await startApp({ card: 'cps3-rpps', lang, rows: 60 });
    await h.readDone();
    await h.press('t');
    await h.waitFor(w('form.button.test'));
    await h.press('\u001b');
    await h.waitFor((s) => /\d+ tests/.test(flat(s)), 10_000);
    const auth = h.actor.getSnapshot().context.cardTest!.checks.find((c) => c.id === 'key-authentication');
    expect(auth).toMatchObject({ status: 'skipped', detail: w('cardTest.key.declined') });
  });

  it('a blocked PIN is not asked: the key checks say why', async () => {
    h = await startApp({ card: 'seed', lang, rows: 60 });
    await h.readDone();
    await h.press('t');
    const f = flat(await h.waitFor((s) => /\d+ tests/.test(flat(s)), 10_000));
    expect(f).not.toContain(w('form.button.test'));
    expect(f).toContain(flat(w('cardTest.key.pinBlocked')));
  });
});
