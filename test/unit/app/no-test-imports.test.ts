// Issue 19 point 6: the product (src/) and the scripts (scripts/) never import from test/. What the
// scripts share with the tests (pcscd, the simulated card's process, the pty, the build) lives in
// scripts/lib/, which the test kit re-exports.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/** Every module specifier in a source: static imports and re-exports, `import()`, `require()`. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1]!);
  return found;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

/** `file: specifier` for each import of a file under `folders` that lands in test/. */
function importsOfTest(folders: readonly string[]): string[] {
  const testDir = join(ROOT, 'test') + sep;
  const bad: string[] = [];
  for (const folder of folders)
    for (const file of filesUnder(join(ROOT, folder)))
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        if (resolve(dirname(file), spec).startsWith(testDir)) bad.push(`${relative(ROOT, file)}: ${spec}`);
      }
  return bad;
}

describe('no upward import into the tests', () => {
  it('finds every form of import (the check can fail)', () => {
    const sample = [
      "import { startPcscd, VPCD_READERS } from '../test/support/pcscd.js';",
      "import type { PtySession } from '../test/support/pty.js';",
      "export * from '../../test/support/report.js';",
      "import '../test/setup.js';",
      "const { x } = await import('../test/support/fuzz.js');",
      "const y = require('../test/support/codes.js');",
      "import {\n  a,\n  b,\n} from '../test/support/bench.js';",
    ].join('\n');
    expect(specifiers(sample)).toEqual(
      expect.arrayContaining([
        '../test/support/pcscd.js',
        '../test/support/pty.js',
        '../../test/support/report.js',
        '../test/setup.js',
        '../test/support/fuzz.js',
        '../test/support/codes.js',
        '../test/support/bench.js',
      ]),
    );
  });

  it('src/ and scripts/ import nothing from test/', () => {
    expect(importsOfTest(['src', 'scripts'])).toEqual([]);
  });
});
