// The journal of operations (issue 22): one whole JSON line per operation, 0600 in a 0700
// folder, rotated at its limit keeping 3, never a link, a failure said and never thrown, whole
// lines from tools appending side by side, and no code in it whatever a caller passes.

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendJournal,
  JOURNAL_KEEP,
  journalJson,
  journalPath,
  journalText,
  readJournal,
  type JournalInput,
} from '../../../src/app/commands/journal.js';
import { setLanguage } from '../../../src/i18n/index.js';

let base: string;
let env: NodeJS.ProcessEnv;

const entry = (over: Partial<JournalInput> = {}): JournalInput => ({
  operation: 'unblock',
  outcome: 'done',
  card: { serial: '99002752', model: 'CPS3' },
  reader: 'Lecteur simulé 00',
  before: { pin: 0, puk: 10 },
  after: { pin: 3, puk: 10 },
  ...over,
});

beforeEach(() => {
  setLanguage('fr');
  base = mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  env = { XDG_STATE_HOME: path.join(base, 'state') };
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('the journal of operations', () => {
  it('appends one JSON line per operation, 0600 in a 0700 folder, and reads them back', () => {
    const at = new Date('2026-12-07T10:00:00Z');
    expect(appendJournal(entry({ at }), { env, version: '1.2.3' })).toEqual({ ok: true, path: journalPath({ env }) });
    expect(
      appendJournal(entry({ operation: 'change', outcome: 'failed', before: { pin: 3, puk: 10 }, after: { pin: 2, puk: 10 } }), {
        env,
        version: '1.2.3',
      }).ok,
    ).toBe(true);
    const file = journalPath({ env });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toEqual({
      v: 1,
      at: '2026-12-07T10:00:00.000Z',
      tool: '1.2.3',
      operation: 'unblock',
      outcome: 'done',
      card: { serial: '99002752', model: 'CPS3' },
      reader: 'Lecteur simulé 00',
      before: { pin: 0, puk: 10 },
      after: { pin: 3, puk: 10 },
    });
    const r = readJournal({ env });
    expect(r.entries.map((e) => e.operation)).toEqual(['unblock', 'change']);
    expect(journalText(r)).toContain(
      '2026-12-07 10:00:00 UTC  unblock : done — CPS3 n° 99002752 — code porteur 0→3, code de déblocage 10→10',
    );
    expect(JSON.parse(journalJson(r)).entries).toHaveLength(2);
  });

  it('a simulated card’s line is flagged as such, in the file and in words', () => {
    appendJournal(entry({ source: 'demo' }), { env, version: '1' });
    const r = readJournal({ env });
    expect(r.entries[0]!.source).toBe('demo');
    expect(journalText(r)).toContain('— carte simulée (--demo)');
  });

  it('a message holding digits or control characters reaches the file masked and stripped', () => {
    appendJournal(entry({ message: 'Code 12345678 refusé\u001b]52;c;AAAA\u0007' }), { env, version: '1' });
    const text = readFileSync(journalPath({ env }), 'utf8');
    expect(text).not.toContain('12345678');
    expect(text).not.toMatch(/\u001b|\u0007/);
    expect(JSON.parse(text).message).toMatch(/^Code •+ /);
  });

  it('rotates past its limit, keeping 3 older files, and reads them oldest first', () => {
    for (let i = 0; i < 12; i++) appendJournal(entry({ outcome: `o${i}` }), { env, version: '1', maxBytes: 300 });
    const file = journalPath({ env });
    for (let i = 1; i <= JOURNAL_KEEP; i++) expect(existsSync(`${file}.${i}`)).toBe(true);
    expect(existsSync(`${file}.${JOURNAL_KEEP + 1}`)).toBe(false);
    expect(existsSync(`${file}.lock`)).toBe(false);
    const outcomes = readJournal({ env }).entries.map((e) => e.outcome);
    // The oldest were dropped with the fourth generation; the rest are in order.
    expect(outcomes.at(-1)).toBe('o11');
    expect(outcomes.length).toBeLessThan(12);
    expect([...outcomes].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(outcomes);
  });

  it('refuses a journal that is a symbolic link, and a folder others can enter: said, never thrown', () => {
    const dir = path.join(base, 'state', 'cps-audit');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const target = path.join(base, 'elsewhere');
    writeFileSync(target, 'untouched\n');
    symlinkSync(target, path.join(dir, 'journal.jsonl'));
    const r = appendJournal(entry(), { env, version: '1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('lien symbolique');
    expect(readFileSync(target, 'utf8')).toBe('untouched\n');

    rmSync(path.join(dir, 'journal.jsonl'));
    chmodSync(dir, 0o755);
    const r2 = appendJournal(entry(), { env, version: '1' });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.message).toContain('d’autres utilisateurs y ont accès');
  });

  it('tools appending side by side leave whole lines only', async () => {
    const script = `
      import { appendJournal } from ${JSON.stringify(path.resolve('src/app/commands/journal.ts'))};
      const env = { XDG_STATE_HOME: process.argv[1] };
      for (let i = 0; i < 150; i++)
        appendJournal({ operation: 'situations', outcome: 'done', card: { serial: 'S' + process.argv[2], model: 'CPS4' },
          before: { pin: 3, puk: 10 }, after: { pin: 3, puk: 10 }, message: 'x'.repeat(40 * Number(process.argv[2]) + (i % 7)) }, { env, version: '1' });
    `;
    const tsx = path.resolve('node_modules/.bin/tsx');
    const runs = [1, 2, 3].map(
      (n) =>
        new Promise<void>((resolve, reject) => {
          const p = spawn(tsx, ['--eval', script, '--', env.XDG_STATE_HOME!, String(n)], { stdio: 'inherit' });
          p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
        }),
    );
    await Promise.all(runs);
    const r = readJournal({ env });
    expect(r.skipped).toBe(0);
    // 450 lines of 3 lengths: none lost, none overwritten by another.
    expect(r.entries).toHaveLength(450);
    for (const e of r.entries) expect(e.message).toMatch(/^x+$/);
    // Every line of every generation is a whole entry.
    const file = journalPath({ env });
    for (const f of [file, `${file}.1`, `${file}.2`, `${file}.3`].filter((x) => existsSync(x)))
      for (const line of readFileSync(f, 'utf8').trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  }, 60_000);
});
