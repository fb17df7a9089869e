// The packaged tool's entry (installed as /usr/lib/cps-audit/main.mjs by scripts/package.sh):
// turns on Node's compile cache, then loads the bundle. Node 22 then keeps V8's compiled code
// of the bundle in the user's cache folder and reuses it at the next start (figures:
// docs/packaging.md). The folder is $XDG_CACHE_HOME/cps-audit/compile-cache, else
// ~/.cache/cps-audit/compile-cache: the user's own, as for the state folder
// (src/app/state-dir.ts): created 0700, never a link, never another user's, never created inside
// a folder that is not the user's (root through sudo with a user's HOME, for one). Anything
// else, or NODE_DISABLE_COMPILE_CACHE=1, and the tool runs without the cache, the same, slower.

import { lstatSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

const ours = (st) => !st.isSymbolicLink() && st.isDirectory() && st.uid === process.getuid();

function compileCacheDir() {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  const dir = path.join(base, 'cps-audit', 'compile-cache');
  // The nearest folder that exists must be ours before anything is created under it.
  let existing = dir;
  for (;;) {
    try {
      if (!ours(lstatSync(existing))) return undefined;
      break;
    } catch {
      const up = path.dirname(existing);
      if (up === existing) return undefined;
      existing = up;
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (let d = dir; d.length > existing.length; d = path.dirname(d)) {
    const st = lstatSync(d);
    if (!ours(st) || (st.mode & 0o077) !== 0) return undefined;
  }
  return dir;
}

if (process.env.NODE_DISABLE_COMPILE_CACHE === undefined) {
  try {
    const dir = compileCacheDir();
    if (dir !== undefined) module.enableCompileCache(dir);
  } catch {
    // No cache: the tool runs the same.
  }
}
await import('./cps-audit.mjs');
