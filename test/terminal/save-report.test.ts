// `s` on the card screen saves the report, in a real pseudo-terminal: the path field
// is prefilled with cps-audit-<serial>-<date>.txt in the current folder, takes cursor keys and a
// pasted path; Esc cancels; a missing folder is said; an existing file is never replaced without
// asking.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTool } from '../support/pty-build.js';
import { validateReport } from '../support/report.js';
import type { PtySession } from '../support/pty.js';

const kit = useTool();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-save-'));
const today = new Date().toISOString().slice(0, 10);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BACKSPACE = '\u007f';
const LEFT = '\u001b[D';

async function openSave(s: PtySession) {
  await s.waitForText('M DENT-CS0595 EMILE', 15_000);
  // `s` works once the whole card is read (the key bar shows it then).
  await s.waitForText('s rapport', 15_000);
  s.write('s');
  await s.waitForText('Fichier :');
}

describe('saving the report from the card screen', () => {
  it('prefilled name in the current folder; Enter saves text and JSON; Esc before that writes nothing', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    const s = kit.tool(['--demo'], { cwd });
    await openSave(s);
    const name = `cps-audit-99002752-${today}.txt`;
    await s.waitForText(`Fichier : ${name}`);
    s.write('\u001b');
    await s.waitForNoText('Fichier :');
    await s.waitForText('M DENT-CS0595 EMILE');
    expect(fs.readdirSync(cwd)).toEqual([]);

    s.write('s');
    await s.waitForText(`Fichier : ${name}`);
    s.write('\r');
    await s.waitForText('Rapport enregistré');
    const text = fs.readFileSync(path.join(cwd, name), 'utf8');
    expect(text).toContain('M DENT-CS0595 EMILE');
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const json = JSON.parse(fs.readFileSync(path.join(cwd, name.replace(/\.txt$/, '.json')), 'utf8'));
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
    expect(json.readers[0].card.serial.value).toBe('99002752');
    expect(fs.statSync(path.join(cwd, name)).mode & 0o777).toBe(0o600);
    s.write('\r');
    await s.waitForNoText('Rapport enregistré');
  });

  it('an existing file is replaced only on o; n keeps it as it was', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    const name = `cps-audit-99002752-${today}.txt`;
    fs.writeFileSync(path.join(cwd, name), 'notes du technicien\n');
    const s = kit.tool(['--demo'], { cwd });
    await openSave(s);
    s.write('\r');
    await s.waitForText('Existe déjà');
    await s.waitForText('Le remplacer ?');
    s.write('n');
    await s.waitForNoText('Le remplacer ?');
    expect(fs.readFileSync(path.join(cwd, name), 'utf8')).toBe('notes du technicien\n');
    expect(fs.existsSync(path.join(cwd, name.replace(/\.txt$/, '.json')))).toBe(false);
    s.write('\r');
    await s.waitForText('Le remplacer ?');
    s.write('o');
    await s.waitForText('Rapport enregistré');
    expect(fs.readFileSync(path.join(cwd, name), 'utf8')).toContain('M DENT-CS0595 EMILE');
  });

  it('a pasted path, cursor keys, a missing folder said with what to do', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    const target = fs.mkdtempSync(path.join(dir, 'target-'));
    const s = kit.tool(['--demo'], { cwd });
    await openSave(s);
    s.write(BACKSPACE.repeat(60));
    await s.waitFor(() => /Fichier : *$/m.test(s.screenText()), 'un champ vide');
    // A folder that does not exist: said, nothing written.
    s.write(path.join(target, 'absent', 'rapport.txt'));
    await s.waitForText('rapport.txt');
    s.write('\r');
    await s.waitForText("n'existe pas");
    s.write(BACKSPACE.repeat(200));
    await s.waitFor(() => /Fichier : *$/m.test(s.screenText()), 'un champ vide');
    // The path pasted in one piece, then "-2" typed before ".txt" with the cursor keys.
    const pasted = path.join(target, 'rapport.txt');
    s.write(pasted);
    await s.waitForText(pasted);
    await s.type([LEFT, LEFT, LEFT, LEFT, '-', '2']);
    await s.waitForText(path.join(target, 'rapport-2.txt'));
    s.write('\r');
    await s.waitForText('Rapport enregistré');
    expect(fs.readdirSync(target).sort()).toEqual(['rapport-2.json', 'rapport-2.txt']);
    expect(fs.readdirSync(cwd)).toEqual([]);
    s.write('\u0003');
    const exit = await s.waitForExit();
    expect(exit.exitCode).toBe(10);
  });
});
