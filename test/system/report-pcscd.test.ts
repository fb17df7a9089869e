// `cps-audit report` and `cps-audit diagnose` on the built tool, through a real pcscd with the
// vsmartcard virtual readers and the project's simulated cards behind them (`cps-audit simulate`):
// every simulated card (text and schema-valid JSON, the card's exit code), no card, two readers,
// pcscd stopped; diagnose with and without pcscd, and without the PC/SC binding.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/app/exit-codes.js';
import { FIXTURE_NAMES } from '../../src/card/simulator/fixtures.js';
import { pcscdSeesCards, useBench } from '../support/bench.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { EXIT_OF_FIXTURE, validateReport } from '../support/report.js';

// pcscd, the built tool and its `simulate` as the cards; the cards end after each test.
const bench = useBench({ quickack: true });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-report-pcscd-'));

function run(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bench.bundle, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function jsonReport(args: readonly string[] = []) {
  const r = await run(['report', '--json', ...args]);
  const value = JSON.parse(r.stdout);
  expect(validateReport(value), JSON.stringify(validateReport.errors, null, 1)).toBe(true);
  return { status: r.status, value };
}

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('report through pcscd', () => {
  it('no card in either virtual reader: both listed, exit code « aucune carte »', async () => {
    const { status, value } = await jsonReport();
    expect(value.readers.map((r: { name: string }) => r.name)).toEqual([...VPCD_READERS]);
    expect(value.readers.every((r: { status: string }) => r.status === 'empty')).toBe(true);
    expect(status).toBe(EXIT.noCard);
    const text = await run(['report']);
    expect(text.status).toBe(EXIT.noCard);
    expect(text.stdout).toContain('État : aucune carte');
  });

  for (const name of FIXTURE_NAMES) {
    it(`${name}: text in 80 columns and schema-valid JSON, exit code ${EXIT_OF_FIXTURE[name]}`, async () => {
      await bench.card(name).sim.waitFor('insérée');
      await pcscdSeesCards([VPCD_READERS[0]]);
      const { status, value } = await jsonReport();
      expect(status).toBe(EXIT_OF_FIXTURE[name]);
      expect(value.source).toBe('pcsc');
      expect(value.readers[0].status).toBe(name === 'unknown' || name === 'vitale' ? 'unrecognised' : 'card');
      const text = await run(['report', '--reader', '00 00']);
      expect(text.status).toBe(EXIT_OF_FIXTURE[name]);
      for (const line of text.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
      expect(text.stdout).toContain(`Lecteur 1 : ${VPCD_READERS[0]}`);
      expect(text.stdout).not.toContain(VPCD_READERS[1]);
      if (name === 'seed') process.stdout.write(`\n===== cps-audit report (seed, pcscd) =====\n${text.stdout}`);
    });
  }

  it('two readers, two cards: both read, the worse decides the exit code', async () => {
    const cards = [bench.card('cps3-rpps', 0), bench.card('puk-blocked', 1)];
    await Promise.all(cards.map((c) => c.sim.waitFor('insérée')));
    await pcscdSeesCards(VPCD_READERS);
    const { status, value } = await jsonReport();
    expect(value.readers.map((r: { verdict: string }) => r.verdict)).toEqual(['ok', 'cannotUnblock']);
    expect(status).toBe(EXIT.cannotUnblock);
    const only = await jsonReport(['--reader', '00 00']);
    expect(only.status).toBe(EXIT.ok);
    expect(only.value.readers).toHaveLength(1);
    const none = await run(['report', '--reader', 'OMNIKEY']);
    expect(none.status).toBe(EXIT.noReader);
    expect(none.stdout).toContain('Aucun lecteur ne correspond');
  });

  it('diagnose with pcscd: the service answers, the readers with their state and ATR, the card identified', async () => {
    await bench.card('seed').sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const text = await run(['diagnose']);
    expect(text.stdout).toMatch(/✔ Service pcscd : répond/);
    expect(text.stdout).toMatch(/✔ Module PC\/SC \(pcsclite\) : chargé/);
    expect(text.stdout).toContain(`Lecteur « ${VPCD_READERS[0]} » : ATR 3B AC 00 40 2A 00 12 25 00 64 80 00 03`);
    // A blocked PIN is a problem with its remedy (issue 22), never a ✔.
    expect(text.stdout).toContain('✖ Carte CPS3 n° 99002752 : code porteur bloqué');
    expect(text.status).toBe(EXIT.problemsFound);
    expect(text.stdout).toContain(`Lecteur « ${VPCD_READERS[1]} » : aucune carte`);
    for (const line of text.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    const json = await run(['diagnose', '--json']);
    const checks = JSON.parse(json.stdout).checks as { id: string; status: string }[];
    expect(checks.find((c) => c.id === 'pcscd')?.status).toBe('ok');
    expect(checks.find((c) => c.id === 'card-pin')?.status).toBe('problem');
    for (const id of ['system', 'node', 'tool', 'binding', 'pcsc-lite', 'pcscd', 'reader', 'polkit', 'cryptolib', 'terminal'])
      expect(checks.map((c) => c.id)).toContain(id);
    expect(json.status).toBe(checks.some((c) => c.status === 'problem') ? EXIT.problemsFound : EXIT.ok);
    process.stdout.write(`\n===== cps-audit diagnose (pcscd) =====\n${text.stdout}`);
  });

  it('pcscd stopped: report says so with the remedy; diagnose says what is wrong', async () => {
    await bench.pcscd.stop();
    const t = await run(['report']);
    expect(t.status).toBe(EXIT.serviceUnavailable);
    expect(t.stdout).toContain('Que faire : Démarrez-le');
    const { status } = await jsonReport();
    expect(status).toBe(EXIT.serviceUnavailable);
    const d = await run(['diagnose']);
    expect(d.status).toBe(EXIT.problemsFound);
    expect(d.stdout).toMatch(/✖ Service pcscd : ne répond pas/);
    expect(d.stdout).toContain('Que faire : Démarrez-le : sudo systemctl start pcscd');
    process.stdout.write(`\n===== cps-audit diagnose (pcscd arrêté) =====\n${d.stdout}`);
    fs.writeFileSync(path.join(dir, 'diagnose-sans-pcscd.txt'), d.stdout);
  });

  it('without the PC/SC binding (the bundle alone, no node_modules): report and diagnose say what to install', async () => {
    const alone = path.join(dir, 'cps-audit.mjs');
    fs.copyFileSync(bench.bundle, alone);
    const runAlone = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [alone, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('exit', (status) => resolve({ status, stdout }));
      });
    const r = await runAlone(['report']);
    expect(r.status).toBe(EXIT.bindingMissing);
    expect(r.stdout).toContain('sudo apt-get install pcscd libpcsclite1');
    const d = await runAlone(['diagnose']);
    expect(d.status).toBe(EXIT.problemsFound);
    expect(d.stdout).toMatch(/✖ Module PC\/SC \(pcsclite\) : non chargé/);
    expect(d.stdout).toContain('Que faire : Installez-les');
    const v = await runAlone(['--version']);
    expect(v.stdout).toMatch(/module PC\/SC \(pcsclite\) : non chargé/);
    process.stdout.write(`\n===== cps-audit diagnose (sans module PC/SC, pcscd arrêté) =====\n${d.stdout}`);
  });
});
