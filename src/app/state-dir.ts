// Where cps-audit keeps what must outlive one run (XDG Base Directory): $XDG_STATE_HOME/cps-audit,
// else ~/.local/state/cps-audit. The interrupted-operation state file and the journal of
// operations live there. The folder is the user's own: mode 0700, never a symbolic link, never
// another user's (a shared or planted folder is refused rather than written into).

import { lstatSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type StateDir =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly path: string; readonly reason: StateDirRefusal };

/** Why the folder cannot be used: a fact for the words at the edge. */
export type StateDirRefusal = 'not-a-directory' | 'symlink' | 'other-owner' | 'group-or-world-access' | 'cannot-create';

/** The folder's path, without touching the disk. A relative $XDG_STATE_HOME is ignored, as the spec says. */
export function stateDirPath(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'state');
  return path.join(base, 'cps-audit');
}

/** Creates the folder (0700, parents as needed) if absent and checks it is safe to write into. */
export function ensureStateDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): StateDir {
  const dir = stateDirPath(env, home);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return { ok: false, path: dir, reason: 'cannot-create' };
  }
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return { ok: false, path: dir, reason: 'cannot-create' };
  }
  if (st.isSymbolicLink()) return { ok: false, path: dir, reason: 'symlink' };
  if (!st.isDirectory()) return { ok: false, path: dir, reason: 'not-a-directory' };
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return { ok: false, path: dir, reason: 'other-owner' };
  if ((st.mode & 0o077) !== 0) return { ok: false, path: dir, reason: 'group-or-world-access' };
  return { ok: true, path: dir };
}
