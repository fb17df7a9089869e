// The saved corpus is on disk, holds every real file the simulator's cards give today, and can
// be rewritten from them: FUZZ_WRITE_CORPUS=1 npx vitest run test/properties/fuzz/corpus.test.ts

import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/card/bytes.js';
import { cardCorpus, PARSERS, readCorpus, writeCorpus } from '../../support/fuzz-corpus.js';

describe('fuzz corpus', () => {
  it('holds the simulator’s real inputs for every parser', async () => {
    const fresh = await cardCorpus();
    if (process.env.FUZZ_WRITE_CORPUS === '1') for (const [parser, entries] of fresh) writeCorpus(entries, parser);
    const counts: string[] = [];
    for (const parser of PARSERS) {
      const saved = new Set(readCorpus(parser).map((b) => hex(b, '')));
      const wanted = [...fresh.get(parser)!];
      expect(wanted.length, parser).toBeGreaterThan(0);
      for (const [name, bytes] of wanted) {
        expect(saved.has(hex(bytes, '')), `${parser}/${name} absent du corpus : relancez avec FUZZ_WRITE_CORPUS=1`).toBe(true);
      }
      counts.push(`${parser} ${saved.size}`);
    }
    console.log(`corpus : ${counts.join(', ')}`);
  });
});
