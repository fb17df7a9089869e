// Every file cps-audit replaces is a new file: written under a fresh name in the same folder
// (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, so never an existing file, a link or another's file),
// then renamed over the old name. rename(2) replaces the directory entry itself: a hard link to
// the old file keeps the old content, a symbolic link at that name is replaced (not followed),
// and the old file's mode is never inherited. A failure leaves the old file as it was.

import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** The temporary name beside `path` (hidden, random, never reused). */
function freshName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `content` to a new file (0600) and renames it over `path`. Throws the system's error (code kept). */
export function replaceWithNewFile(path: string, content: string | Uint8Array): void {
  const tmp = freshName(path);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  let renamed = false;
  try {
    try {
      if (typeof content === 'string') writeSync(fd, content);
      else writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
  }
}
