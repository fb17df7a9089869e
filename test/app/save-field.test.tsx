// The full screen's save dialog on the real app (Ink, the machine, the in-process simulated card):
// its name field edits as a shell's line (issue 19). Before, it was ink-text-input: Ctrl-U,
// Ctrl-A and Ctrl-K typed u, a and k into the name, Suppr erased backwards, and Home/End did nothing.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startApp, type Harness } from '../support/app-harness.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-save-field-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const field = (frame: string) => /Fichier :(?: (.*))?$/m.exec(frame)?.[1]?.trimEnd() ?? '';

describe('the save dialog’s name field', () => {
  let h: Harness;
  afterEach(() => h.unmount());

  it('Ctrl-U, Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-W, Home, End, Suppr, ← → act as in a shell', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    h = await startApp({ card: 'cps3-rpps', cwd });
    await h.readDone();
    await h.press('s');
    await h.waitFor('Fichier : cps-audit-');
    await h.press('\u0015');
    await h.waitFor((f) => field(f) === '');
    await h.press(...'mon rapport.txt');
    await h.waitFor((f) => field(f) === 'mon rapport.txt');
    await h.press('\u0017'); // Ctrl-W: the word before the cursor
    await h.waitFor((f) => field(f) === 'mon'); // "mon ": the cursor after the blank
    await h.press(...'essai.txt', '\u0001', '\u001b[3~', '\u001b[3~', '\u001b[3~', '\u001b[3~'); // Ctrl-A then Suppr ×4
    await h.waitFor((f) => field(f) === 'essai.txt');
    await h.press('\u001b[F', '\u001b[D', '\u001b[D', '\u001b[D', '\u001b[D', '\u000b'); // End, ←×4, Ctrl-K
    await h.waitFor((f) => field(f) === 'essai');
    await h.press('\u001b[H', 'x', '\u0005', '.txt'); // Home, x, Ctrl-E
    await h.waitFor((f) => field(f) === 'xessai.txt');
    await h.press('\r');
    await h.waitFor('Rapport enregistré');
    expect(fs.readdirSync(cwd).sort()).toEqual(['xessai.json', 'xessai.txt']);
  });
});
