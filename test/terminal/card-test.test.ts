// `cps-audit test` through the real stack (issue 21): the built tool in a real pseudo-terminal, a
// real pcscd, the vsmartcard virtual reader and `cps-audit simulate` behind it. The PIN is typed
// on the keyboard without echo and sent once; the simulated test hierarchy is trusted through the
// test-only option; a card whose key does not match its certificate fails that check alone; a
// card pulled during the key checks never reads as a wrong code; both languages.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/app/exit-codes.js';
import { testHierarchyPem } from '../../src/card/simulator/fixtures.js';
import type { CardSnapshot } from '../../src/card/simulator/memory.js';
import { pcscdSeesCards, useBench } from '../support/bench.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { findCode, leaks } from '../support/secrets-detector.js';

const bench = useBench({ quickack: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-card-test-'));
const ROOTS = path.join(dir, 'hierarchie-test.pem');
fs.writeFileSync(ROOTS, testHierarchyPem());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// A PIN found nowhere in the card's data or the tool's words.
const PIN = '8642';
const withPin =
  (left = 3) =>
  (m: CardSnapshot): CardSnapshot => ({ ...m, pin: { code: PIN, triesLeft: left } });

describe('cps-audit test through pcscd', () => {
  it('cps3-rpps: the PIN typed without echo, every key works, every certificate chains; exit 0', async () => {
    const card = bench.card('cps3-rpps', 0, withPin());
    await card.sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const s = bench.tool(['test', '--trust-test-root', ROOTS]);
    await s.waitForText('Code porteur (Entrée pour valider', 20_000);
    await s.type([...PIN.split(''), '\r'], 30);
    await s.waitForText(/8 tests : 7 réussis, 1 ignorés, 0 échoués/, 20_000);
    const { exitCode } = await s.waitForExit(10_000);
    expect(exitCode).toBe(EXIT.ok);
    const text = s.output();
    expect(text).toMatch(/✓\s+Clé\s+d’authentification\s+\(signature\s+d’un\s+défi\)\s+:\s+réussi/);
    expect(text).toMatch(
      /✓\s+Chaîne\s+de\s+certification\s+\(IGC-Santé\)\s+:\s+réussi\s+—\s+chaîne\s+vérifiée\s+jusqu’à\s+une\s+racine\s+de\s+test/,
    );
    expect(s.output()).not.toContain(PIN);
    expect(card.memory().pin.triesLeft).toBe(3);
    bench.show('cps-audit test : cps3-rpps', s);
  });

  it('cps4: both keys sign on channel 1 through pcscd', async () => {
    const card = bench.card('cps4', 0, withPin());
    await card.sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const s = bench.tool(['test', '--trust-test-root', ROOTS, '--json']);
    await s.waitForText('Code porteur', 20_000);
    await s.type([...PIN.split(''), '\r'], 30);
    expect((await s.waitForExit(20_000)).exitCode).toBe(EXIT.ok);
    const json = JSON.parse(s.output().slice(s.output().indexOf('{')));
    expect(json.counts).toEqual({ total: 8, passed: 7, skipped: 1, failed: 0 });
    expect(json.checks.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toContain('key-signature passed');
    expect(card.memory().pin.triesLeft).toBe(3);
  });

  it('key-mismatch: only the authentication key fails, with what to do; exit 51', async () => {
    const card = bench.card('key-mismatch', 0, withPin());
    await card.sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const s = bench.tool(['test', '--trust-test-root', ROOTS]);
    await s.waitForText('Code porteur', 20_000);
    await s.type([...PIN.split(''), '\r'], 30);
    await s.waitForText(/8 tests : 6 réussis, 1 ignorés, 1 échoués/, 20_000);
    expect((await s.waitForExit(10_000)).exitCode).toBe(51);
    expect(s.output()).toMatch(
      /✗\s+Clé\s+d’authentification\s+\(signature\s+d’un\s+défi\)\s+:\s+échoué\s+—\s+la\s+signature\s+de\s+la\s+carte\s+ne\s+correspond\s+pas/,
    );
  });

  it('in English, the last try is confirmed before the PIN goes; declining sends nothing', async () => {
    const card = bench.card('cps3-rpps', 0, withPin(1));
    await card.sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const s = bench.tool(['test', '--lang', 'en']);
    await s.waitForText('PIN (Enter to confirm', 20_000);
    await s.type([...PIN.split(''), '\r'], 30);
    await s.waitForText('the PIN has one try left', 10_000);
    s.write('n');
    await s.waitForText(/8 tests: \d passed, \d skipped, 0 failed/, 20_000);
    expect(s.output()).toMatch(/Authentication\s+key\s+\(signs\s+a\s+challenge\):\s+skipped\s+—\s+PIN\s+not\s+entered/);
    expect(s.output()).toMatch(/test\s+card:\s+issued\s+by\s+“TEST\s+AC\s+IGC-SANTE\s+PERSONNES\s+\(SIMULATEUR\)”/);
    expect((await s.waitForExit(10_000)).exitCode).toBe(EXIT.ok);
    expect(card.memory().pin.triesLeft).toBe(1);
  });

  it('the card pulled during the key checks: never a wrong code, the PIN count intact', async () => {
    for (const n of [1, 3, 6]) {
      const card = bench.card('cps3-rpps', 0, withPin());
      await card.sim.waitFor('insérée');
      await pcscdSeesCards([VPCD_READERS[0]]);
      const s = bench.tool(['test', '--trust-test-root', ROOTS]);
      await s.waitForText('Code porteur', 20_000);
      await card.armRemoval(n);
      await s.type([...PIN.split(''), '\r'], 30);
      await s.waitForText(/8 tests : /, 30_000);
      const text = s.output();
      expect(text, `retrait à l’APDU ${n}`).not.toMatch(/faux/);
      expect(text, `retrait à l’APDU ${n}`).toMatch(/carte\s+retirée\s+pendant\s+le\s+test|vérification\s+interrompue/);
      expect(card.memory().pin.triesLeft).toBe(3);
      expect((await s.waitForExit(10_000)).exitCode).toBe(51);
      await bench.clear();
    }
  });
});

describe('the t key of the full screen through pcscd', () => {
  it('t: the PIN typed in the form once, the checks and the closing line; s saves them; no code in the trace, screen or report', async () => {
    const card = bench.card('cps3-rpps', 0, withPin());
    await card.sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const trace = path.join(dir, 'tui-trace.txt');
    const s = bench.tool(['--trace', trace]);
    await s.waitForText('OK (3 essais sur 3)', 30_000);
    s.write('t');
    await s.waitForText('Tester les clés', 20_000);
    await s.type([...PIN.split(''), '\r', '\r'], 30);
    await s.waitForText(/8 tests : 6 réussis, 2 ignorés, 0 échoués/, 20_000);
    expect(s.screenText()).toMatch(/✓ Clé d’authentification/);
    expect(card.memory().pin).toEqual({ code: PIN, triesLeft: 3 });
    // Back to the card; s saves the report, which carries the test.
    s.write('\u001b');
    await s.waitForNoText('8 tests', 10_000);
    s.write('s');
    await s.waitForText('Fichier :', 10_000);
    const saved = path.join(dir, 'rapport-tui.txt');
    s.write('\u007f'.repeat(80)); // the prefilled name erased
    await s.waitFor(() => /Fichier : *$/m.test(s.screenText()), 'un champ vide');
    s.write(saved);
    await s.waitForText('rapport-tui.txt');
    s.write('\r');
    await s.waitFor(() => fs.existsSync(saved.replace(/\.txt$/, '.json')), 'le rapport JSON', 10_000);
    await s.waitForText('Rapport enregistré', 10_000);
    const json = JSON.parse(fs.readFileSync(saved.replace(/\.txt$/, '.json'), 'utf8')) as {
      schemaVersion: number;
      cardTest: { counts: object; checks: { id: string; status: string }[] };
    };
    expect(json.schemaVersion).toBe(3);
    expect(json.cardTest.counts).toEqual({ total: 8, passed: 6, skipped: 2, failed: 0 });
    s.write('\r');
    s.write('q');
    expect((await s.waitForExit(10_000)).exitCode).toBe(EXIT.ok);
    const traced = fs.readFileSync(trace, 'utf8');
    expect(traced).toMatch(/00 20 00 /); // the VERIFY is in the trace, its data masked
    expect(findCode(traced, PIN)).toBeNull();
    expect(findCode(s.output(), PIN)).toBeNull();
    expect(leaks('rapport', fs.readFileSync(saved.replace(/\.txt$/, '.json'), 'utf8'), [PIN])).toEqual([]);
    bench.show('t : cps3-rpps dans l’écran complet', s);
  });
});
