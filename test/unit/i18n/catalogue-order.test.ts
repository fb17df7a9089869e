// The catalogues are organised by what the person sees (issue 19, point 3), not by source file:
// sections headed `// ——— … ———`, each key family (the key's first part) in one section only,
// and the English catalogue in the same sections and order as the French one.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

interface Layout {
  readonly sections: string[];
  /** Each key in file order, with the section it sits in. */
  readonly keys: { key: string; section: string }[];
}

export function layoutOf(source: string): Layout {
  const sections: string[] = [];
  const keys: { key: string; section: string }[] = [];
  for (const line of source.split('\n')) {
    const head = /^ {2}\/\/ ——— (.+) ———$/.exec(line);
    if (head) sections.push(head[1]!);
    const entry = /^ {2}'([^']+)':/.exec(line);
    if (entry) keys.push({ key: entry[1]!, section: sections.at(-1) ?? '' });
  }
  return { sections, keys };
}

/** The families (first part of a key) that sit in more than one section, or before any section. */
export function scattered(layout: Layout): string[] {
  const home = new Map<string, Set<string>>();
  for (const { key, section } of layout.keys) {
    const family = key.split('.')[0]!;
    home.set(family, (home.get(family) ?? new Set()).add(section));
  }
  return [...home].filter(([, s]) => s.size > 1 || s.has('')).map(([f]) => f);
}

const read = (name: string) => layoutOf(readFileSync(join(ROOT, 'src/i18n', name), 'utf8'));

describe('the catalogues are organised by what the person sees', () => {
  it('finds a family split over two sections (the check can fail)', () => {
    const split = layoutOf("  // ——— A ———\n  'msg.a': 'x',\n  // ——— B ———\n  'msg.b': 'y',\n  'key.c': 'z',\n");
    expect(scattered(split)).toEqual(['msg']);
  });

  it('fr.ts: every key in a section, each family in one section', () => {
    const fr = read('fr.ts');
    expect(fr.sections.length).toBeGreaterThanOrEqual(8);
    expect(scattered(fr)).toEqual([]);
  });

  it('en.ts: the same sections, keys and order as fr.ts', () => {
    const fr = read('fr.ts');
    const en = read('en.ts');
    expect(en.sections).toEqual(fr.sections);
    expect(en.keys).toEqual(fr.keys);
  });
});
