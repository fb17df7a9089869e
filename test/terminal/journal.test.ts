// The journal of operations through the built tool in a real pseudo-terminal (issue 22): an
// unblock on the simulated seed card writes one line (tries before and after, never a code) that
// `cps-audit journal` shows; --no-journal writes none; a journal that cannot be written is said
// on stderr after the terminal is given back, and the unblock is done all the same.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/app/exit-codes.js';
import { fillUnblock, openUnblock, useTool } from '../support/pty-build.js';

const kit = useTool();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-journal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const strip = (s: string) => s.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '');

async function unblockAndQuit(args: string[], state: string) {
  const s = kit.tool(['--demo', ...args], { env: { XDG_STATE_HOME: state } });
  await s.waitForText('Verrouillé', 15_000);
  await openUnblock(s);
  await fillUnblock(s, '12345678', '4321');
  s.write('\r');
  await s.waitForText('Votre code porteur a été débloqué avec succès', 20_000);
  s.write('q');
  const exit = await s.waitForExit(10_000);
  return { exit, after: strip(s.output().slice(s.output().lastIndexOf('\u001b[?1049l'))) };
}

describe('the journal through the built tool', () => {
  it('an unblock writes one line, shown by `cps-audit journal`; no code in it', async () => {
    const state = path.join(dir, 'a');
    const { exit } = await unblockAndQuit([], state);
    // The seed card expired in 2014: once unblocked it exits 13 (issue 17), not 0.
    expect(exit.exitCode).toBe(EXIT.expired);
    const file = path.join(state, 'cps-audit', 'journal.jsonl');
    const raw = fs.readFileSync(file, 'utf8');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = raw.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      operation: 'unblock',
      outcome: 'done',
      card: { serial: '99002752', model: 'CPS3' },
      before: { pin: 0, puk: 10 },
      after: { pin: 3 },
      // A simulated card's line says so.
      source: 'demo',
    });
    for (const code of ['12345678', '4321']) expect(raw).not.toContain(code);
    const shown = spawnSync(process.execPath, [kit.bundle, 'journal'], {
      env: { ...process.env, XDG_STATE_HOME: state },
      encoding: 'utf8',
    });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('unblock : done — CPS3 n° 99002752 — code porteur 0→3');
    expect(shown.stdout).toContain('carte simulée (--demo)');
  });

  it('--no-journal writes nothing', async () => {
    const state = path.join(dir, 'b');
    await unblockAndQuit(['--no-journal'], state);
    expect(fs.existsSync(path.join(state, 'cps-audit', 'journal.jsonl'))).toBe(false);
  });

  it('a journal that cannot be written is said after the terminal is back; the unblock is done', async () => {
    const state = path.join(dir, 'c');
    fs.writeFileSync(state, 'not a folder');
    const { exit, after } = await unblockAndQuit([], state);
    // The seed card expired in 2014: once unblocked it exits 13 (issue 17), not 0.
    expect(exit.exitCode).toBe(EXIT.expired);
    expect(after).toContain('code porteur débloqué');
    expect(after).toMatch(/journal des opérations non écrit : dossier .* inutilisable/);
  });
});
