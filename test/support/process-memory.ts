// Reads a running process's memory (/proc/PID/mem, as root or its owner with ptrace allowed) and
// counts where a code lies in it: its anonymous mappings (heap, V8's spaces, stacks), not the
// files it mapped (code, libraries). For the tests of issue 18: no code left in memory once a
// form has closed.

import fs from 'node:fs';

/** How many times each string (as Latin-1/ASCII bytes, as V8 and Buffers hold digits) is in the process's memory. */
export function countInMemory(pid: number, needles: readonly string[]): Record<string, number> {
  const maps = fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').filter(Boolean);
  const found: Record<string, number> = Object.fromEntries(needles.map((n) => [n, 0]));
  const wanted = needles.map((n) => Buffer.from(n, 'latin1'));
  const longest = Math.max(...wanted.map((w) => w.length));
  const fd = fs.openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of maps) {
      const [range, perms, , , , file] = line.split(/\s+/);
      if (!perms?.startsWith('r') || range === undefined) continue;
      if (file !== undefined && file.startsWith('/') && !file.includes('(deleted)')) continue;
      if (file === '[vvar]' || file === '[vsyscall]' || file === '[vdso]') continue;
      const [start, end] = range.split('-').map((x) => BigInt(`0x${x}`)) as [bigint, bigint];
      const step = 1n << 20n;
      for (let at = start; at < end; at += step) {
        // Each slice overlaps the next by the longest needle, so that nothing is missed at a seam.
        const len = Number(end - at < step ? end - at : step) + (end - at > step ? longest - 1 : 0);
        const buf = Buffer.alloc(len);
        let n: number;
        try {
          n = fs.readSync(fd, buf, 0, len, at);
        } catch {
          break; // a guard page
        }
        const slice = buf.subarray(0, n);
        wanted.forEach((w, i) => {
          for (let k = slice.indexOf(w); k >= 0 && k <= n - w.length; k = slice.indexOf(w, k + 1)) {
            if (BigInt(k) < step) found[needles[i]!]! += 1;
          }
        });
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return found;
}
