// The terminal tests and the bench run the built tool, as a user would. Build it when dist is
// missing or older than any source file; start it in a real pseudo-terminal; the form helpers type
// what a holder types. (`useTool`, the tests' hooks around it, is in test/support/pty-build.ts.)

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPty, type PtyOptions, type PtySession } from './pty.js';

export const root = resolve(import.meta.dirname, '..', '..');
export const bundle = join(root, 'dist', 'cps-audit.mjs');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

export function ensureBuilt(): string {
  const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < newestMtime(join(root, 'src'));
  if (stale) {
    if (existsSync(join(root, 'scripts', 'build.mjs'))) {
      execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
    } else {
      // Until the build script lands: the same bundle, by esbuild's command line.
      execFileSync(
        join(root, 'node_modules', '.bin', 'esbuild'),
        [
          'src/app/main.tsx',
          '--bundle',
          '--platform=node',
          '--format=esm',
          '--target=node20',
          '--external:pcsclite',
          '--outfile=dist/cps-audit.mjs',
          '--log-level=warning',
          "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        ],
        { cwd: root, stdio: 'pipe' },
      );
    }
  }
  return bundle;
}

export interface ToolOptions extends Omit<PtyOptions, 'args' | 'command'> {
  /** Node's own arguments, before the bundle (`--import` of a probe). */
  readonly nodeArgs?: readonly string[];
}

/** The built tool `bundle` in a real pseudo-terminal (80×24 unless said), from the repository's folder unless said. */
export function startTool(bundle: string, args: readonly string[] = [], options: ToolOptions = {}): PtySession {
  const { nodeArgs = [], ...pty } = options;
  return startPty({ cwd: root, ...pty, args: [...nodeArgs, bundle, ...args] });
}

/** On the card screen: `d` opens the unblock form, and its PUK field is shown empty. */
export async function openUnblock(s: PtySession): Promise<void> {
  s.write('d');
  await s.waitForText('Code de déblocage:');
  await s.waitForText('0/8', 10_000);
}

/**
 * In the open unblock form, its PUK field focused: the PUK in one write (a paste) or key by key
 * (`typed`), then the new PIN twice, each field left with `next` (Tab or Enter); ends on the
 * focused button, not pressed.
 */
export async function fillUnblock(
  s: PtySession,
  puk: string,
  pin: string,
  next: '\t' | '\r' = '\t',
  how: 'pasted' | 'typed' = 'pasted',
): Promise<void> {
  if (how === 'typed') await s.type([...puk]);
  else s.write(puk);
  await s.waitForText('8/8');
  await s.type([next, ...pin, next, ...pin, next]);
  await s.waitForText('▶ [ Débloquer ] ◀');
}

/** The seed's scenario from the card screen: a wrong PUK (9 tries left), then the right one and PIN 4321 twice: success. */
export async function seedUnblock(s: PtySession, afterWrongPuk: () => void = () => undefined): Promise<void> {
  await openUnblock(s);
  await fillUnblock(s, '87654321', '4321');
  s.write('\r');
  await s.waitForText(/Code de déblocage erroné\. Il vous reste 9 essais/, 20_000);
  afterWrongPuk();
  await s.waitForText('0/8');
  await fillUnblock(s, '12345678', '4321', '\r');
  s.write('\r');
  await s.waitForText('Votre code porteur a été débloqué avec succès', 20_000);
}
