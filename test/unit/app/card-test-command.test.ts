// `cps-audit test` and `cps-audit certs` in process (the PIN itself is typed in a real
// pseudo-terminal: test/terminal/card-test.test.ts): the command line, the words and the exit code,
// the certificate files (names, 0644 whatever the umask, never over a file without a yes).

import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/app/cli/command-line.js';
import { journalInputOf, runTestCommand, testExitCode, testJson, testText, trustFor } from '../../../src/app/commands/card-test.js';
import { appendJournal, readJournal } from '../../../src/app/commands/journal.js';
import { certificateFiles, writeCertificate } from '../../../src/app/commands/certs.js';
import { EXIT } from '../../../src/app/exit-codes.js';
import { DEMO_READER, demoSource } from '../../../src/app/wiring.js';
import type { CardTestVerbs } from '../../../src/card/cps/card-test.js';
import { testHierarchyPem } from '../../../src/card/simulator/fixtures.js';
import { defaultTrust, withTestAnchors } from '../../../src/card/trust/chain.js';
import { checkWords } from '../../../src/view/card-test-words.js';

const TRUST = withTestAnchors(defaultTrust('/nonexistent'), Buffer.from(testHierarchyPem()));
const noTerminal = {
  input: { isTTY: false, on: () => undefined, off: () => undefined, resume: () => undefined, pause: () => undefined },
  prompt: { write: () => true },
};

async function testCard(card: string, noPin = true) {
  const source = demoSource(card);
  if (!source.ok) throw new Error(source.message);
  try {
    const outcome = await runTestCommand({ source, noPin, trust: TRUST, terminal: noTerminal });
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.result;
  } finally {
    await source.close();
  }
}

describe('the command line', () => {
  it('takes test and certs with their options; a code is never an argument', () => {
    expect(parseArgs(['test', '--no-pin', '--json', '--demo', '--card', 'cpe'])).toMatchObject({
      kind: 'test',
      noPin: true,
      json: true,
      card: 'cpe',
    });
    expect(parseArgs(['certs', '--out', '/tmp/x', '--der'])).toMatchObject({ kind: 'certs', out: '/tmp/x', der: true });
    const e = parseArgs(['test', '1234']);
    expect(e.kind).toBe('error');
    expect(JSON.stringify(e)).not.toContain('1234');
    expect(parseArgs(['certs', '--no-pin']).kind).toBe('error');
    expect(parseArgs(['test', '--help'])).toEqual({ kind: 'help', verb: 'test' });
  });
});

describe('--trust-test-root', () => {
  it('an unreadable file or one without a certificate is said, never silently ignored', () => {
    expect(() => trustFor('/nonexistent/racines.pem')).toThrow(/illisible : \/nonexistent\/racines.pem/);
    const file = join(mkdtempSync(join(tmpdir(), 'trust-')), 'vide.pem');
    writeFileSync(file, 'pas un certificat');
    expect(() => trustFor(file)).toThrow(/aucun certificat dans/);
    writeFileSync(file, testHierarchyPem());
    expect(trustFor(file).anchors.filter((a) => a.source === 'test')).toHaveLength(3);
  });
});

describe('cps-audit test, in process', () => {
  it('ends with one summary line; 0 when nothing failed', async () => {
    const r = await testCard('cps3-rpps');
    const text = testText(r);
    expect(text.trimEnd().split('\n').at(-1)).toBe('8 tests : 5 réussis, 3 ignorés, 0 échoués');
    expect(testExitCode(r)).toBe(EXIT.ok);
    expect(testJson(r)).toMatchObject({ counts: { total: 8, failed: 0 }, exitCode: 0 });
  });

  it('exit code 51 when a check fails, with what to do', async () => {
    const r = await testCard('unknown-issuer');
    expect(testExitCode(r)).toBe(51);
    const text = testText(r);
    expect(text).toMatch(/✗ Chaîne de certification \(IGC-Santé\) : échoué — émetteur\s+inconnu[^✓–✗]*\n {4}À faire : /);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('a card that is not a CPS: the read check says so, the rest skipped, exit 33 (not 51)', async () => {
    const r = await testCard('unknown');
    expect(r.checks.map((c) => c.status)).toEqual(['failed', ...Array(7).fill('skipped')]);
    expect(testExitCode(r)).toBe(EXIT.cardUnrecognised);
  });

  it('writes one line in the journal of operations: counts and tries, no code', async () => {
    const r = await testCard('unknown-issuer');
    const line = journalInputOf(r, true)!;
    expect(line).toMatchObject({
      operation: 'card-test',
      outcome: 'failed',
      card: { serial: '99002762', model: 'CPS3' },
      before: { pin: 3, puk: 10 },
      source: 'demo',
      message: '8 tests : 4 réussis, 3 ignorés, 1 échoués',
    });
    const home = mkdtempSync(join(tmpdir(), 'journal-'));
    const written = appendJournal(line, { version: 'test', env: { XDG_STATE_HOME: join(home, 'state') }, home });
    expect(written.ok).toBe(true);
    expect(readJournal({ env: { XDG_STATE_HOME: join(home, 'state') }, home }).entries.at(-1)).toMatchObject({ operation: 'card-test' });
  });

  it('without a terminal, the PIN is declined and the keys skipped: nothing guessed', async () => {
    const r = await testCard('cps3-rpps', false);
    expect(r.checks.map(checkWords).find((c) => c.id === 'key-authentication')).toMatchObject({
      status: 'skipped',
      detail: 'code porteur non saisi',
    });
  });
});

describe('cps-audit certs', () => {
  async function files(der: boolean) {
    const source = demoSource('cps3-rpps');
    if (!source.ok) throw new Error(source.message);
    try {
      const { inventory } = await (source.cards as unknown as CardTestVerbs).inspect(DEMO_READER);
      return certificateFiles(inventory, der, TRUST, new Date('2026-06-01T00:00:00Z'));
    } finally {
      await source.close();
    }
  }

  it('names each by role and serial, PEM or DER, with its SHA-256 and its chain', async () => {
    const pem = await files(false);
    expect(pem.map((f) => f.role)).toEqual(['authentication', 'signature']);
    for (const f of pem) {
      const x = new X509Certificate(Buffer.from(f.bytes));
      expect(f.name).toBe(`CPS-${f.role === 'signature' ? 'signature' : 'authentification'}-${x.serialNumber.toUpperCase()}.pem`);
      expect(Buffer.from(f.bytes).toString('ascii')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
      expect(f.fingerprint.replace(/:/g, '').toLowerCase()).toBe(createHash('sha256').update(x.raw).digest('hex'));
      expect(f.chain).toMatch(/racine de test ajoutée/);
    }
    const der = await files(true);
    expect(der[0]!.name).toMatch(/\.der$/);
    expect(Buffer.from(der[0]!.bytes)).toEqual(new X509Certificate(Buffer.from(pem[0]!.bytes)).raw);
  });

  it('writes 0644 whatever the umask, and never over a file without a yes', async () => {
    const [f] = await files(false);
    const dir = mkdtempSync(join(tmpdir(), 'certs-'));
    const old = process.umask(0o077);
    try {
      expect(await writeCertificate(dir, f!, async () => false)).toBe('written');
      expect(statSync(join(dir, f!.name)).mode & 0o777).toBe(0o644);
      writeFileSync(join(dir, f!.name), 'précieux');
      const asked: string[] = [];
      expect(await writeCertificate(dir, f!, async (p) => (asked.push(p), false))).toBe('kept');
      expect(asked).toEqual([join(dir, f!.name)]);
      expect(readFileSync(join(dir, f!.name), 'utf8')).toBe('précieux');
      expect(await writeCertificate(dir, f!, async () => true)).toBe('written');
      expect(readFileSync(join(dir, f!.name))).toEqual(Buffer.from(f!.bytes));
      expect(await writeCertificate(join(dir, 'absent'), f!, async () => true)).toMatchObject({ error: expect.stringMatching(/ENOENT/) });
      // A symbolic link in the way is never written through, even with a yes.
      const target = join(dir, 'precieux.txt');
      writeFileSync(target, 'à garder');
      const [, g] = await files(false);
      symlinkSync(target, join(dir, g!.name));
      expect(await writeCertificate(dir, g!, async () => true)).toMatchObject({ error: expect.stringMatching(/pas un fichier ordinaire/) });
      expect(readFileSync(target, 'utf8')).toBe('à garder');
    } finally {
      process.umask(old);
    }
  });
});
