// No core dump of the interactive tool: its memory holds the codes being typed and sent. The
// launcher (scripts/install.sh) starts Node with `ulimit -c 0`; when the tool is started some
// other way (node dist/cps-audit.mjs, the bundle's own shebang), it lowers its own limit.
//
// Node has no setrlimit, and prctl(PR_SET_DUMPABLE) is out of its reach without a native addon.
// prlimit(1) (util-linux, on every Debian) sets another process's limits through prlimit(2),
// which a process of the same user may do: the tool runs it once on itself, only when its core
// limit is not already 0 (a few milliseconds; nothing when the launcher already set it). A
// limit of 0 also tells systemd-coredump to store nothing ("Resource limits disable core
// dumping"). Lowering the hard limit too means nothing started later can raise it back.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type CoreLimit = 'already-off' | 'turned-off' | 'unavailable';

/** The soft core limit from /proc/self/limits ("0", "unlimited", a size), or undefined. */
export function softCoreLimit(limits: string): string | undefined {
  return /^Max core file size\s+(\S+)\s+(\S+)/m.exec(limits)?.[1];
}

/** Makes sure this process leaves no core file; says how. Never throws. */
export function refuseCoreDumps(): CoreLimit {
  if (process.platform !== 'linux') return 'unavailable';
  let limits: string;
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return 'unavailable';
  }
  if (softCoreLimit(limits) === '0') return 'already-off';
  const r = spawnSync('prlimit', [`--pid=${process.pid}`, '--core=0:0'], { stdio: 'ignore', timeout: 2_000 });
  if (r.status !== 0) return 'unavailable';
  try {
    return softCoreLimit(readFileSync('/proc/self/limits', 'utf8')) === '0' ? 'turned-off' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}
