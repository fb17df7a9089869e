// OpenSC's command-line tools as a peer in the system tests. Codes are typed at OpenSC's own
// prompts through a pseudo-terminal (its util_getpass needs a terminal), so they never appear
// in process arguments; opensc-explorer reads its commands on standard input.

import { execFile, execFileSync } from 'node:child_process';
import * as pty from 'node-pty';

export interface Run {
  readonly code: number | null;
  readonly out: string;
}

function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('OPENSC_')) env[k] = v;
  return { ...env, LANG: 'C', ...extra };
}

/** Runs an OpenSC tool without a terminal; stdout and stderr together. */
export function opensc(
  tool: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(tool, [...args], { env: cleanEnv(options.env), timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? -1 : 0;
      resolve({ code, out: stdout + stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

/** Whether the terminal's echo is off, i.e. OpenSC's util_getpass is now reading a code. */
function echoOff(pts: string): boolean {
  try {
    return / -echo /.test(` ${execFileSync('stty', ['-F', pts, '-a'], { encoding: 'utf8' }).replace(/[;\n]/g, ' ')} `);
  } catch {
    return false;
  }
}

/**
 * Runs an OpenSC tool in a pseudo-terminal, typing each answer when its prompt shows. It waits
 * until OpenSC turned the echo off: util_getpass flushes (TCSAFLUSH) whatever was typed before,
 * and a code typed earlier would also be echoed.
 */
export function openscPrompted(tool: string, args: readonly string[], answers: readonly (readonly [RegExp, string])[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = pty.spawn(tool, [...args], { name: 'xterm', cols: 200, rows: 50, env: cleanEnv() });
    const pts = (p as unknown as { ptsName: string }).ptsName;
    let out = '';
    let next = 0;
    let seen = 0; // answers are matched against the output that follows the previous prompt
    let typing = false;
    const timer = setTimeout(() => {
      p.kill();
      reject(new Error(`${tool} ne répond plus :\n${out}`));
    }, 60_000);
    const type = (answer: string) => {
      const end = Date.now() + 5000;
      const poll = () => {
        if (echoOff(pts) || Date.now() > end) {
          typing = false;
          p.write(`${answer}\r`);
        } else setTimeout(poll, 10);
      };
      poll();
    };
    p.onData((d) => {
      out += d;
      const step = answers[next];
      if (!typing && step && step[0].test(out.slice(seen))) {
        seen = out.length;
        next++;
        typing = true;
        type(step[1]);
      }
    });
    p.onExit(({ exitCode }) => {
      clearTimeout(timer);
      resolve({ code: exitCode, out: out.replace(/\r/g, '') });
    });
  });
}

/** Tries left of a PIN reference as OpenSC reads it (opensc-explorer "pin_info CHVn"). */
export async function openscTriesLeft(reference: number): Promise<number | undefined> {
  const r = await opensc('opensc-explorer', [], { input: `pin_info CHV${reference}\n` });
  const m = /(\d+) tries left/.exec(r.out);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
