// Where the last `--trace FILE` went, so that `cps-audit bundle` can put that trace in the file
// for the ticket (issue 22). One line in the state folder (state-dir.ts), the absolute path;
// best effort: not remembering it only leaves the trace out of the bundle.

import { closeSync, constants, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensureStateDir, stateDirPath } from './state-dir.js';

export const LAST_TRACE_FILE = 'last-trace';

export function rememberTrace(file: string, env: NodeJS.ProcessEnv = process.env): void {
  const dir = ensureStateDir(env);
  if (!dir.ok) return;
  let fd: number | undefined;
  try {
    fd = openSync(
      path.join(dir.path, LAST_TRACE_FILE),
      constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
      0o600,
    );
    writeSync(fd, `${path.resolve(file)}\n`);
  } catch {
    // not remembered: the bundle says no trace
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function lastTracePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(stateDirPath(env), LAST_TRACE_FILE), constants.O_RDONLY | constants.O_NOFOLLOW);
    const p = readFileSync(fd, 'utf8').split('\n')[0]?.trim();
    return p && path.isAbsolute(p) ? p : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
