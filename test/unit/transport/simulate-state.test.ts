// Issue 9 point 11: `simulate --state FILE` writes its state through a temporary file created
// exclusively (random name, 0600, never through a link), and refuses a state file or folder that
// another user could write.

import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runSimulate, saveState, stateFileProblem } from '../../../src/app/commands/simulate.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';

const dirs: string[] = [];
function folder(mode = 0o700): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-state-'));
  fs.chmodSync(d, mode);
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) {
    fs.chmodSync(d, 0o700);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

/** runSimulate with its own streams; SIGTERM is sent after `ms` if it has not returned by then. */
async function simulate(argv: string[], ms = 3000): Promise<{ code: number | 'running'; stderr: string }> {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const signals = new EventEmitter();
  const stdin = new PassThrough();
  const run = runSimulate(argv, { stdin, stdout: new PassThrough(), stderr, signals });
  const timer = new Promise<'running'>((r) => setTimeout(() => r('running'), ms));
  const first = await Promise.race([run, timer]);
  if (first === 'running') {
    signals.emit('SIGTERM');
    await run;
  }
  return { code: first, stderr: err };
}

describe('simulate --state (issue 9 point 11)', () => {
  it('never follows nor changes a link planted at the old predictable temporary name', () => {
    const dir = folder();
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'untouched', { mode: 0o644 });
    const state = path.join(dir, 'seed.json');
    const planted = path.join(dir, `.seed.json.${process.pid}.tmp`);
    fs.symlinkSync(victim, planted);
    saveState(state, createFixtureCard('seed'));
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    expect(fs.statSync(victim).mode & 0o777).toBe(0o644);
    expect(fs.readlinkSync(planted)).toBe(victim);
    expect(fs.lstatSync(state).isSymbolicLink()).toBe(false);
    expect(fs.statSync(state).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(state, 'utf8'))).toMatchObject({ fixture: 'seed' });
    // Nothing else left behind but the planted link.
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(planted), 'seed.json', 'victim'].sort());
  });

  it('a planted plain file at the old name is left as it is, and the state is 0600', () => {
    const dir = folder();
    const planted = path.join(dir, `.seed.json.${process.pid}.tmp`);
    fs.writeFileSync(planted, 'planted');
    fs.chmodSync(planted, 0o666);
    saveState(path.join(dir, 'seed.json'), createFixtureCard('seed'));
    expect(fs.readFileSync(planted, 'utf8')).toBe('planted');
    expect(fs.statSync(path.join(dir, 'seed.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses a folder others can write, in French, before touching anything', async () => {
    const dir = folder(0o777);
    const state = path.join(dir, 'seed.json');
    expect(stateFileProblem(state)).toMatch(/modifiable par d’autres utilisateurs \(droits 0777\)/);
    const r = await simulate(['--card', 'seed', '--port', '1', '--state', state]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Fichier d’état refusé : le dossier .* est modifiable par d’autres utilisateurs .*chmod go-w/);
    expect(fs.existsSync(state)).toBe(false);
  });

  it('refuses a state file others can write, or a link, and accepts a private one', () => {
    const dir = folder();
    const state = path.join(dir, 'seed.json');
    expect(stateFileProblem(state)).toBeNull();
    saveState(state, createFixtureCard('seed'));
    expect(stateFileProblem(state)).toBeNull();
    fs.chmodSync(state, 0o666);
    expect(stateFileProblem(state)).toMatch(/modifiable par d’autres utilisateurs/);
    const link = path.join(dir, 'link.json');
    fs.symlinkSync(state, link);
    expect(stateFileProblem(link)).toMatch(/lien symbolique/);
    expect(stateFileProblem(path.join(dir, 'absent', 'x.json'))).toMatch(/n’existe pas/);
  });
});
