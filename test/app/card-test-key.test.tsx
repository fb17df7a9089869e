// Issue 21: the card test from the card screen (`t`), the real app over the in-process simulator,
// in both languages: the PIN asked once in a form, the named checks, the closing line; Esc on the
// PIN skips the key checks; a blocked PIN is not asked; no code in the snapshot afterwards.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGS, tIn, type Lang } from '../../src/i18n/index.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { describeView } from '../../src/app/tui/accessible.js';
import { EXIT } from '../../src/app/exit-codes.js';
import { exitCodeFor } from '../../src/app/tui/outcome.js';
import { recordOperations } from '../../src/app/journal-record.js';
import type { JournalInput } from '../../src/app/commands/journal.js';
import { reportFromScreen } from '../../src/app/save-report.js';
import { renderReport } from '../../src/app/commands/report.js';
import { validateReport } from '../support/report.js';
import { checkWords } from '../../src/view/card-test-words.js';

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
    // The accessible mode tells the same checks, one a line, and the closing line.
    const lines = describeView(h.actor.getSnapshot(), { version: 'test', demo: false, now: new Date() });
    expect(lines).toContain(w('cardTest.tui.closeLine'));
    expect(lines.some((l) => l.startsWith(`✓ ${w('cardTest.name.key-authentication')}`))).toBe(true);
    expect(lines.some((l) => /^8 tests ?: 6/.test(l))).toBe(true);
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
    const auth = h.actor
      .getSnapshot()
      .context.cardTest!.checks.map(checkWords)
      .find((c) => c.id === 'key-authentication');
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

  it('a failed check: exit 51 (testFailed) as the command says it, and one journal line with no code', async () => {
    h = await startApp({ card: 'key-mismatch', lang, rows: 60 });
    await h.readDone();
    const lines: JournalInput[] = [];
    const journal = recordOperations(h.actor, (l) => {
      lines.push(l);
      return { ok: true, file: 'journal' } as never;
    });
    expect(exitCodeFor(h.actor.getSnapshot(), undefined, false)).not.toBe(EXIT.testFailed);
    await h.press('t');
    await h.waitFor(w('form.button.test'));
    await h.press('1', '2', '3', '4', '\r', '\r');
    await h.waitFor((s) => /\d+ tests/.test(flat(s)), 10_000);
    expect(h.actor.getSnapshot().context.cardTest?.counts.failed).toBeGreaterThan(0);
    expect(exitCodeFor(h.actor.getSnapshot(), undefined, false)).toBe(EXIT.testFailed);
    // Back on the card screen, the test's verdict still stands for this card.
    await h.press('\u001b');
    await h.waitFor(`t ${w('key.card.start-test.bar')}`);
    expect(exitCodeFor(h.actor.getSnapshot(), undefined, false)).toBe(EXIT.testFailed);
    journal.close(h.actor.getSnapshot());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ operation: 'card-test', outcome: 'failed' });
    expect(JSON.stringify(lines[0])).not.toMatch(/"1234"/);
  });

  it('the report saved after a test carries its checks (schema 3); another card’s report does not', async () => {
    h = await startApp({ card: 'cps3-rpps', lang, rows: 60 });
    await h.readDone();
    await h.press('t');
    await h.waitFor(w('form.button.test'));
    await h.press('\u001b');
    await h.waitFor((s) => /\d+ tests/.test(flat(s)), 10_000);
    const c = h.actor.getSnapshot().context;
    const json = JSON.parse(renderReport(reportFromScreen(c.report!, false, 'test', new Date(), c.cardTest), true)) as {
      schemaVersion: number;
      cardTest?: { serial: string; counts: object; checks: { id: string; status: string }[] };
    };
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
    expect(json.schemaVersion).toBe(3);
    expect(json.cardTest?.serial).toBe('99104417');
    expect(json.cardTest?.counts).toEqual(c.cardTest!.counts);
    expect(json.cardTest?.checks.map((x) => `${x.id} ${x.status}`)).toContain('key-authentication skipped');
    const other = { ...c.report!, serial: { ok: true as const, value: '99000000' } };
    const without = JSON.parse(renderReport(reportFromScreen(other, false, 'test', new Date(), c.cardTest), true)) as object;
    expect(validateReport(without)).toBe(true);
    expect(without).not.toHaveProperty('cardTest');
  });

  it('e in the certificates tab: both certificates as PEM, 0644, fingerprint and chain shown; an existing file is kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-certs-tui-'));
    try {
      h = await startApp({ card: 'cps3-rpps', lang, rows: 60, cwd: dir });
      await h.readDone();
      expect(h.frame()).not.toContain(`e ${w('key.card.export-certs.bar')}`);
      await h.press('3');
      await h.waitFor(`e ${w('key.card.export-certs.bar')}`);
      await h.press('e');
      const f = flat(await h.waitFor((s) => flat(s).includes('SHA-256'), 10_000));
      const names = fs.readdirSync(dir).sort();
      expect(names).toHaveLength(2);
      expect(names[0]).toMatch(/^CPS-authentification-[0-9A-F]+\.pem$/);
      expect(names[1]).toMatch(/^CPS-signature-[0-9A-F]+\.pem$/);
      for (const n of names) {
        const file = path.join(dir, n);
        expect(fs.statSync(file).mode & 0o777).toBe(0o644);
        const x = new X509Certificate(fs.readFileSync(file));
        expect(f).toContain(x.fingerprint256);
      }
      expect(f).toContain(flat(w('certs.role.authentication')));
      // The simulated card's test hierarchy is said as such beside each one.
      expect(f).toContain('TEST AC IGC-SANTE PERSONNES');
      await h.press('\u001b');
      await h.waitFor(`e ${w('key.card.export-certs.bar')}`);
      // Again: the files are there, never replaced without asking.
      const before = fs.readFileSync(path.join(dir, names[0]!));
      fs.writeFileSync(path.join(dir, names[0]!), 'mine');
      await h.press('e');
      await h.waitFor((s) => flat(s).includes('SHA-256'), 10_000);
      expect(fs.readFileSync(path.join(dir, names[0]!), 'utf8')).toBe('mine');
      expect(before.length).toBeGreaterThan(100);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
