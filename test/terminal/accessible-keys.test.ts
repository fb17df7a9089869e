// Issue 19, the keys: the accessible mode (TERM=dumb) takes the keys of the full screen, through
// the real stack (the built tool in a real pseudo-terminal, a real pcscd, the vsmartcard virtual
// reader and `cps-audit simulate`), read on the raw bytes the tool wrote, in French and in
// English: 1 2 3 and ← → switch tabs, F1 and ? open the whole help, s saves the report after a
// prompt for the file name (Ctrl-U clears it, as in a shell): new files, 0600. Before, 1 2 3
// printed nothing, the arrows and F1 were dropped, ? gave a key line and s saved nothing. And the
// full screen's save dialog cleared with Ctrl-U (before: it typed a "u" into the name).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tIn, type Lang } from '../../src/i18n/index.js';
import { pcscdSeesCards, useBench } from '../support/bench.js';
import { VPCD_READERS } from '../support/pcscd.js';
import type { PtySession } from '../support/pty.js';

const bench = useBench({ quickack: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-a11y-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HOLDER = 'MEDECIN-RPPS0001';
const F1 = '\u001bOP';
const LEFT = '\u001b[D';
const CTRL_U = '\u0015';

/** Waits for `text` in what the tool wrote after `from` characters of its output. */
async function after(s: PtySession, from: number, text: string): Promise<void> {
  await s.waitFor(() => s.output().slice(from).includes(text), text, 15_000);
}

async function cardIn(): Promise<void> {
  const card = bench.card('cps3-rpps');
  await card.sim.waitFor('insérée');
  await pcscdSeesCards([VPCD_READERS[0]]);
}

describe('the accessible mode takes the keys of the full screen (TERM=dumb, through pcscd)', () => {
  it.each(['fr', 'en'] as const)('%s: tabs by 1 2 3 and ←, help by F1 and ?, s saves the report', async (lang: Lang) => {
    await cardIn();
    const cwd = fs.mkdtempSync(path.join(dir, `${lang}-`));
    const s = bench.tool(['--lang', lang], { env: { TERM: 'dumb' }, cwd });
    const tab = (n: number, key: 'tab.info' | 'tab.situations' | 'tab.certificates') =>
      tIn(lang, 'a11y.i19.tabOpen', { key: String(n), title: tIn(lang, key) });
    // s works once the whole card is read: the keys line offers it then.
    await after(s, 0, `s ${tIn(lang, 'key.card.open-save.bar')}`);
    await after(s, 0, tab(1, 'tab.info'));

    let mark = s.output().length;
    s.write('3');
    await after(s, mark, tab(3, 'tab.certificates'));
    await after(s, mark, tIn(lang, 'cert.authentification'));
    await after(s, mark, HOLDER);
    mark = s.output().length;
    s.write(LEFT);
    await after(s, mark, tab(2, 'tab.situations'));
    mark = s.output().length;
    s.write('1');
    await after(s, mark, tab(1, 'tab.info'));

    // The whole help, every scope's keys, by F1 and by ?.
    for (const key of [F1, '?']) {
      mark = s.output().length;
      s.write(key);
      await after(s, mark, tIn(lang, 'help.title'));
      await after(s, mark, tIn(lang, 'key.save.save-kill-before.does'));
      expect(s.output().slice(mark)).toContain(tIn(lang, 'key.confirm.confirm.does'));
      mark = s.output().length;
      s.write('q');
      await after(s, mark, tIn(lang, 'a11y.keys', { keys: '' }).trim());
    }

    // s: the prompt with the default name; Ctrl-U clears it in one key; a name typed; Enter saves.
    mark = s.output().length;
    s.write('s');
    await after(s, mark, `${tIn(lang, 'save.file')}cps-audit-`);
    mark = s.output().length;
    s.write(CTRL_U);
    await s.waitFor(
      () =>
        s
          .output()
          .slice(mark)
          .includes(`${tIn(lang, 'save.file')}\r\n`),
      'an empty name',
      15_000,
    );
    await s.type([...'rapport.txt'], 5);
    await after(s, mark, `${tIn(lang, 'save.file')}rapport.txt`);
    s.write('\r');
    await after(s, mark, tIn(lang, 'save.saved', { file: path.join(cwd, 'rapport.txt') }));
    expect(fs.readdirSync(cwd).sort()).toEqual(['rapport.json', 'rapport.txt']);
    for (const f of ['rapport.txt', 'rapport.json']) expect(fs.statSync(path.join(cwd, f)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(cwd, 'rapport.txt'), 'utf8')).toContain(HOLDER);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'rapport.json'), 'utf8')).readers[0].card.serial.value).toBe('99104417');

    s.write('\r');
    s.write('\u0003');
    expect((await s.waitForExit(10_000)).exitCode).toBe(0);
    // Linear text only, all along.
    expect(s.output()).not.toContain('\u001b');
  });

  it('the full screen: Ctrl-U clears the save dialog’s name in one key', async () => {
    await cardIn();
    const cwd = fs.mkdtempSync(path.join(dir, 'full-'));
    const s = bench.tool([], { cwd });
    await s.waitForText('s rapport', 20_000);
    s.write('s');
    await s.waitForText('Fichier : cps-audit-');
    s.write(CTRL_U);
    await s.waitFor(() => /Fichier : *$/m.test(s.screenText()), 'un champ vide', 10_000);
    await s.type([...'r.txt'], 5);
    await s.waitFor(() => /Fichier : r\.txt *$/m.test(s.screenText()), 'r.txt', 10_000);
    s.write('\r');
    await s.waitForText('Rapport enregistré');
    expect(fs.readdirSync(cwd).sort()).toEqual(['r.json', 'r.txt']);
    expect(fs.statSync(path.join(cwd, 'r.txt')).mode & 0o777).toBe(0o600);
  });
});
