// Reads a running process's memory as the kernel lets its owner (or root) do: every readable,
// writable mapping listed in /proc/PID/maps, read through /proc/PID/mem, searched for byte
// strings. What a core dump, a swap file or a debugger attached later would find.

import fs from 'node:fs';
import { forms } from './secrets-detector.js';

/** For each of `needles`, whether it is in some writable mapping of process `pid`. */
export function inMemory(pid: number, needles: readonly Buffer[]): boolean[] {
  const found = needles.map(() => false);
  const maps = fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n');
  const fd = fs.openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of maps) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) rw/.exec(line);
      if (!m) continue;
      const start = BigInt(`0x${m[1]}`);
      const end = BigInt(`0x${m[2]}`);
      const size = Number(end - start);
      if (size > 1 << 30) continue;
      const buf = Buffer.alloc(size);
      let n = 0;
      try {
        n = fs.readSync(fd, buf, 0, size, start);
      } catch {
        continue; // a guard page, a mapping gone meanwhile
      }
      const chunk = buf.subarray(0, n);
      needles.forEach((needle, i) => {
        if (!found[i] && chunk.includes(needle)) found[i] = true;
      });
      buf.fill(0);
    }
  } finally {
    fs.closeSync(fd);
  }
  return found;
}

/**
 * The byte strings a code may be held as in a process: each text form of secrets-detector.ts
 * (the digits, hex, BCD as text, base64...) in one byte a character (Latin-1, UTF-8, V8's
 * one-byte strings) and in two (UTF-16, V8's two-byte strings).
 */
export function codeNeedles(code: string): { name: string; bytes: Buffer }[] {
  return forms(code).flatMap((f) => [
    { name: f.name, bytes: Buffer.from(f.text, 'latin1') },
    { name: `${f.name} UTF-16`, bytes: Buffer.from(f.text, 'utf16le') },
  ]);
}

/** Each form of each code found in process `pid`'s memory, as "PUK 12345678 (ASCII)". */
export function codesInMemory(pid: number, codes: readonly { label: string; code: string }[]): string[] {
  const all = codes.flatMap((c) => codeNeedles(c.code).map((n) => ({ ...n, label: `${c.label} ${c.code} (${n.name})` })));
  const found = inMemory(
    pid,
    all.map((n) => n.bytes),
  );
  return all.filter((_, i) => found[i]).map((n) => n.label);
}
