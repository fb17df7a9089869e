// The terminal tests run the built tool, as a user would. Build it when dist is missing or older
// than any source file.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
