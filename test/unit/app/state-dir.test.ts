import { chmodSync, mkdtempSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureStateDir, stateDirPath } from '../../../src/app/state-dir.js';

const made: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cps-state-'));
  made.push(d);
  return d;
}
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('state folder (XDG)', () => {
  it('is $XDG_STATE_HOME/cps-audit, else ~/.local/state/cps-audit; a relative XDG_STATE_HOME is ignored', () => {
    expect(stateDirPath({ XDG_STATE_HOME: '/x/state' }, '/home/u')).toBe('/x/state/cps-audit');
    expect(stateDirPath({}, '/home/u')).toBe('/home/u/.local/state/cps-audit');
    expect(stateDirPath({ XDG_STATE_HOME: 'rel/state' }, '/home/u')).toBe('/home/u/.local/state/cps-audit');
  });

  it('is created 0700 with its parents', () => {
    const home = tmp();
    const r = ensureStateDir({}, home);
    expect(r).toEqual({ ok: true, path: path.join(home, '.local', 'state', 'cps-audit') });
    expect(statSync(r.path).mode & 0o777).toBe(0o700);
  });

  it('refuses a symbolic link, a file, and a folder others can read', () => {
    const base = tmp();
    const target = tmp();
    symlinkSync(target, path.join(base, 'cps-audit'));
    expect(ensureStateDir({ XDG_STATE_HOME: base }, '/nonexistent')).toMatchObject({ ok: false, reason: 'symlink' });

    const base2 = tmp();
    writeFileSync(path.join(base2, 'cps-audit'), '');
    expect(ensureStateDir({ XDG_STATE_HOME: base2 }, '/nonexistent')).toMatchObject({ ok: false });

    const base3 = tmp();
    mkdirSync(path.join(base3, 'cps-audit'));
    chmodSync(path.join(base3, 'cps-audit'), 0o755);
    expect(ensureStateDir({ XDG_STATE_HOME: base3 }, '/nonexistent')).toMatchObject({ ok: false, reason: 'group-or-world-access' });
  });
});
