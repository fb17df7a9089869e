// Issue 18, point 2: the interactive tool leaves no core file with the codes typed in it. Started
// by hand with core dumps allowed (not through the launcher, which sets ulimit -c 0), the tool
// lowers its own core limit to 0 (soft and hard) before any code is typed.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/pty-build.js';
import { endSession, startPty } from '../support/pty.js';

const limitOf = (pid: number) => {
  const text = fs.readFileSync(`/proc/${pid}/limits`, 'utf8');
  const m = /^Max core file size\s+(\S+)\s+(\S+)/m.exec(text);
  return { soft: m?.[1], hard: m?.[2] };
};

describe('no core dump of the interactive tool', () => {
  it('started with core dumps allowed, it turns them off for itself', async () => {
    const bundle = ensureBuilt();
    // The shell allows cores (as far as its hard limit lets it), then becomes the tool.
    const s = startPty({
      command: '/bin/sh',
      args: ['-c', `ulimit -S -c $(ulimit -H -c) && ulimit -S -c && exec "${process.execPath}" "${bundle}" --demo`],
    });
    try {
      await s.waitForText('Verrouillé', 30_000);
      // What the shell allowed (its first line), then what the tool runs with.
      expect(s.output().split(/\r?\n/)[0]).not.toBe('0');
      expect(limitOf(s.pid)).toEqual({ soft: '0', hard: '0' });
      s.write('q');
      await s.waitForExit();
    } finally {
      await endSession(s);
    }
  });
});
