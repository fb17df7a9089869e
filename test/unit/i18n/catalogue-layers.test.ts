// Words at the edge (issue 19): the card layer and the machine carry facts and kinds, never a
// sentence; only the view level (src/view, src/report, src/screens) and src/app read the
// catalogue. A file of src/card or src/machine that imports src/i18n fails here (ESLint's layer
// rules refuse it too: test/unit/lint/layers.test.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const inDir = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? inDir(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );

/** An import (static, dynamic or type-only) of anything under src/i18n. */
export function importsCatalogue(source: string): boolean {
  return /(?:from\s+|import\s*\(\s*|import\s+)['"][./]*(?:\.\.\/)*(?:src\/)?i18n\//.test(source);
}

const importers = (dir: string): string[] => inDir(dir).filter((f) => importsCatalogue(readFileSync(join(ROOT, f), 'utf8')));

describe('the catalogue is read at the view level and above only', () => {
  it('the detector sees static, type-only and dynamic imports of src/i18n, and nothing else', () => {
    expect(importsCatalogue("import { t } from '../../i18n/index.js';")).toBe(true);
    expect(importsCatalogue("import type { Key } from '../i18n/index.js';")).toBe(true);
    expect(importsCatalogue("const m = await import('../i18n/en.js');")).toBe(true);
    expect(importsCatalogue("import { safeText } from '../safe-text.js';")).toBe(false);
    expect(importsCatalogue("// the catalogue (src/i18n) says it\nimport { hex } from '../bytes.js';")).toBe(false);
  });

  it.each(['src/card', 'src/machine'])('%s imports no catalogue', (dir) => {
    expect(importers(dir)).toEqual([]);
  });
});
