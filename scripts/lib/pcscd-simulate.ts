// `cps-audit simulate` as a real child process, for the system tests and the scripts. It runs the
// built tool when CPS_AUDIT_BIN names it (e.g. dist/cps-audit.mjs), else the app's entry
// (src/app/main.tsx).

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { until } from './pcscd-wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SimulateProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Waits until stdout holds `text` `times` times in all. */
  waitFor(text: string | RegExp, times?: number, ms?: number): Promise<void>;
  send(line: string): void;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

function entry(): string[] {
  const bin = process.env.CPS_AUDIT_BIN;
  if (bin) return [path.resolve(ROOT, bin), 'simulate'];
  return ['--import', 'tsx', path.join(ROOT, 'src/app/main.tsx'), 'simulate'];
}

export function spawnSimulate(args: readonly string[]): SimulateProcess {
  const child = spawn(process.execPath, [...entry(), ...args], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, FORCE_COLOR: '0' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const count = (text: string | RegExp) =>
    typeof text === 'string' ? out.split(text).length - 1 : (out.match(new RegExp(text.source, 'g')) ?? []).length;
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: async (text, times = 1, ms = 20_000) => {
      await until(
        () =>
          count(text) >= times ||
          (child.exitCode !== null ? Promise.reject(new Error(`simulate a quitté (${child.exitCode}) : ${err}`)) : false),
        ms,
        `« ${String(text)} » ×${times} dans la sortie de simulate\n--- stdout:\n${out}\n--- stderr:\n${err}`,
      );
    },
    send: (line) => child.stdin.write(`${line}\n`),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000); // never leave a card behind
        await exited;
        clearTimeout(timer);
      }
      return child.exitCode;
    },
  };
}
