// Words at the edge (issue 19): the card layer and the machine carry facts and kinds, never a
// sentence; only the view level (src/view, src/report, src/screens) and src/app read the
// catalogue. A file of src/card or src/machine that imports src/i18n fails here, unless it is
// one of those still to be moved (listed, each must still import it: the list only shrinks).

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

/** Still to be moved to the view (issue 19, "words"): each entry must still import the catalogue. */
const PENDING = new Set<string>([
  'src/card/cps/application.ts',
  'src/card/cps/card-reading.ts',
  'src/card/cps/card-test.ts',
  'src/card/cps/counters.ts',
  'src/card/cps/holder-data.ts',
  'src/card/cps/holder.ts',
  'src/card/cps/identify.ts',
  'src/card/cps/key-test.ts',
  'src/card/cps/sn-icc.ts',
  'src/card/pkcs15/aodf.ts',
  'src/card/pkcs15/asn1.ts',
  'src/card/pkcs15/cdf.ts',
  'src/card/pkcs15/certificate.ts',
  'src/card/pkcs15/dir.ts',
  'src/card/pkcs15/dodf.ts',
  'src/card/pkcs15/odf.ts',
  'src/card/pkcs15/prkdf.ts',
  'src/card/pkcs15/token-info.ts',
  'src/card/tlv/generic.ts',
  'src/card/tlv/tlv.ts',
  'src/machine/forms.ts',
  'src/machine/selectors.ts',
  'src/machine/unblock-resume.ts',
]);

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
    expect(importers(dir).filter((f) => !PENDING.has(f))).toEqual([]);
  });

  it('every file still listed as pending does import the catalogue (the list only shrinks)', () => {
    const all = new Set([...importers('src/card'), ...importers('src/machine')]);
    expect([...PENDING].filter((f) => !all.has(f))).toEqual([]);
  });
});
