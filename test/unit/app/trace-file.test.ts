// --trace FILE: created exclusively, mode 0600, never through a symbolic link, never replacing a
// file that is not a trace of ours (its first line is TRACE_MAGIC); APDU entries arrive masked.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectReport } from '../../../src/app/commands/report.js';
import { openTrace, TRACE_MAGIC } from '../../../src/app/trace-file.js';
import { demoSource } from '../../../src/app/wiring.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { tracedTransport } from '../../../src/app/trace-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-trace-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the trace file', () => {
  it('is created with mode 0600, starts with its magic line and the head, and records the reader, the ATR and each APDU', async () => {
    const file = path.join(dir, 'a.txt');
    const opened = openTrace(file, ['outil : cps-audit 9.9.9', 'node : 20']);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const source = demoSource('seed', opened.trace);
    await collectReport({ source, demo: true, version: '9.9.9' });
    opened.trace.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(TRACE_MAGIC);
    expect(text).toContain('# outil : cps-audit 9.9.9');
    expect(text).toMatch(/lecteurs : « cps-audit SIM 00 » ATR 3B AC 00 40/);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z #1 > 00 (A4|B0)/m);
  });

  it('replaces a trace of ours, refuses any other file and any symbolic link, leaving them untouched', () => {
    const mine = path.join(dir, 'mine.txt');
    const first = openTrace(mine, []);
    if (first.ok) first.trace.close();
    const again = openTrace(mine, ['deuxième']);
    expect(again.ok).toBe(true);
    if (again.ok) again.trace.close();
    expect(fs.readFileSync(mine, 'utf8')).toContain('# deuxième');

    const other = path.join(dir, 'notes.txt');
    fs.writeFileSync(other, 'mes notes\n');
    const refused = openTrace(other, []);
    expect(refused).toMatchObject({ ok: false });
    expect(fs.readFileSync(other, 'utf8')).toBe('mes notes\n');

    const link = path.join(dir, 'link.txt');
    fs.symlinkSync(mine, link);
    expect(openTrace(link, [])).toMatchObject({ ok: false });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);

    const dangling = path.join(dir, 'dangling.txt');
    fs.symlinkSync(path.join(dir, 'nowhere.txt'), dangling);
    expect(openTrace(dangling, [])).toMatchObject({ ok: false });
    expect(fs.existsSync(path.join(dir, 'nowhere.txt'))).toBe(false);
  });

  it('says why when the folder cannot be written, without echoing digits of the path', () => {
    const r = openTrace(path.join(dir, 'no-such-folder-1234', 'x.txt'), []);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain('impossible de créer le fichier de trace');
    expect(r.message).not.toContain('1234');
  });
});

describe('every command that left is in the trace before its answer (issue 18)', () => {
  it('a command the card never answers is already written, once, before any answer', async () => {
    const file = path.join(dir, 'hang.txt');
    const opened = openTrace(file, []);
    if (!opened.ok) throw new Error(opened.message);
    const raw = new InProcessTransport();
    raw.insert(DEFAULT_READER, createFixtureCard('seed'));
    const traced = tracedTransport(raw, opened.trace);
    const cards = createCardService(traced, {
      onTrace: (e) => opened.trace.apdu(e),
      onSent: (seq, command, masked) => opened.trace.sent(seq, command, masked),
      bounds: { transmitMs: 60_000 },
    });
    // The 3rd APDU of the read never ends (a process that would die there).
    raw.injectFault({ at: 3, kind: 'hang' });
    void cards.read(DEFAULT_READER).catch(() => undefined);
    const lines = () => fs.readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < 200 && !lines().some((l) => / #3 > /.test(l)); i++) await new Promise((r) => setTimeout(r, 10));
    const text = lines();
    expect(text.some((l) => / #3 > /.test(l))).toBe(true);
    expect(text.some((l) => / #3 [<!] /.test(l))).toBe(false);
    // Each command once, then its answer.
    expect(text.filter((l) => / #1 > /.test(l))).toHaveLength(1);
    expect(text.findIndex((l) => / #1 > /.test(l))).toBeLessThan(text.findIndex((l) => / #1 < /.test(l)));
    opened.trace.close();
    await raw.close();
  });
});
