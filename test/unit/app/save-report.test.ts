// Saving the report with replacement (issue 18, point 5): the old file is never written through,
// neither through a hard link nor keeping its mode; the replacement is a new file, 0600.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectReport } from '../../../src/app/commands/report.js';
import { saveReport } from '../../../src/app/save-report.js';
import { demoSource } from '../../../src/app/wiring.js';
import type { AuditReport } from '../../../src/report/model.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-save-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let report: AuditReport;
beforeAll(async () => {
  const source = demoSource('seed');
  report = await collectReport({ source, demo: true, version: '9.9.9' });
  if (source.ok) await source.close();
});

describe('saving the report over an old one', () => {
  it('replaces the file with a new one, 0600, and leaves a hard link to the old one untouched', () => {
    const text = path.join(dir, 'r.txt');
    const json = path.join(dir, 'r.json');
    fs.writeFileSync(text, 'ancien\n', { mode: 0o644 });
    fs.writeFileSync(json, '{}\n', { mode: 0o644 });
    fs.chmodSync(text, 0o644);
    const elsewhere = path.join(dir, 'copie.txt');
    fs.linkSync(text, elsewhere);
    const before = fs.statSync(text).ino;

    expect(saveReport(text, report, false)).toMatchObject({ kind: 'exists' });
    expect(saveReport(text, report, true)).toMatchObject({ kind: 'saved' });

    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('ancien\n');
    expect(fs.statSync(text).ino).not.toBe(before);
    expect(fs.statSync(text).mode & 0o777).toBe(0o600);
    expect(fs.statSync(json).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(text, 'utf8')).toContain('cps-audit');
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toHaveProperty('readers');
    // No temporary file left beside it.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a new save is created exclusively, 0600', () => {
    const text = path.join(dir, 'neuf.txt');
    expect(saveReport(text, report, false)).toMatchObject({ kind: 'saved' });
    expect(fs.statSync(text).mode & 0o777).toBe(0o600);
  });
});
