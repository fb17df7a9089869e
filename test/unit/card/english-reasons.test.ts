// Issue 11: in English, what the card layer says about a card (why a field is not shown, the
// reading's warnings, the generic view of an object in no known layout) is English. Card data
// (names, labels, nomenclature labels) stays as the card has it, so only the tool's own words are
// checked: every `reason` and every warning of the report of each simulated card, and of cards
// whose EF.DIR places the application elsewhere or not at all.

import { afterEach, describe, expect, it } from 'vitest';
import { createCardService } from '../../../src/card/cps/service.js';
import type { CardReport } from '../../../src/card/cps/report.js';
import { PKCS15_AID } from '../../../src/card/simulator/cps3-files.js';
import { tlv } from '../../../src/card/simulator/der.js';
import { FIXTURE_NAMES, createCps3Variant, createFixtureCard, type SimulatedCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { setLanguage, type Lang } from '../../../src/i18n/index.js';
import { cardFactWords } from '../../../src/i18n/card-facts.js';
import type { CardFact } from '../../../src/card/fact.js';

// The tool's own French words (accents, French quotes, words a reason would use).
const FRENCH =
  /[À-ÖØ-öø-ÿ’«»]|\s;|\b(le|la|les|du|des|une?|de|au|lieu|octets?|sans|absente?|illisibles?|carte|code|certificat|entrée|format non publié)\b/i;

async function readIn(lang: Lang, card: SimulatedCard): Promise<CardReport> {
  setLanguage(lang);
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, card);
  try {
    return await createCardService(transport).read(DEFAULT_READER);
  } finally {
    await transport.close();
  }
}

/** The tool's words in a report: every `reason`, every warning, the generic views' lines. */
function toolWords(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) toolWords(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'reason' || k === 'lines') && typeof v === 'string') out.push(v);
      else if (k === 'reason' && isFact(v)) out.push(cardFactWords(v));
      else if (k === 'warnings' && Array.isArray(v)) out.push(...v.filter(isFact).map((w) => cardFactWords(w)));
      else toolWords(v, out);
    }
  }
  return out;
}

/** A fact of the card layer (the view words it: cardFactWords). */
function isFact(v: unknown): v is CardFact {
  return typeof v === 'object' && v !== null && 'kind' in v;
}

function efDirAt(path: readonly number[]): Uint8Array {
  const out = new Uint8Array(101);
  out.set(tlv(0x61, tlv(0x4f, PKCS15_AID), tlv(0x51, Uint8Array.from(path))));
  return out;
}

const CARDS: readonly (readonly [string, () => SimulatedCard])[] = [
  ...FIXTURE_NAMES.map((n) => [n, () => createFixtureCard(n)] as const),
  ['seed, EF.DIR naming another path', () => createCps3Variant('seed', { efDir: efDirAt([0x3f, 0x00, 0x00, 0x09]) })],
  ['seed, EF.DIR without the application', () => createCps3Variant('seed', { efDir: new Uint8Array(101) })],
];

afterEach(() => setLanguage('fr'));

describe('the card layer speaks the chosen language', () => {
  it.each(CARDS)('%s: no French in the reasons and warnings of the English report', async (_name, make) => {
    const words = toolWords(await readIn('en', make()));
    expect(words.filter((w) => FRENCH.test(w))).toEqual([]);
  });

  it('the check finds the French ones: cps3-public read in French says "format non publié", in English "layout not published"', async () => {
    const fr = toolWords(await readIn('fr', createFixtureCard('cps3-public')));
    expect(fr.some((w) => w.includes('format non publié'))).toBe(true);
    expect(fr.filter((w) => FRENCH.test(w)).length).toBeGreaterThan(0);
    const en = toolWords(await readIn('en', createFixtureCard('cps3-public')));
    expect(en.some((w) => w.includes('layout not published'))).toBe(true);
  });

  it('EF.DIR placing the application elsewhere is told in English', async () => {
    const r = await readIn('en', createCps3Variant('seed', { efDir: efDirAt([0x3f, 0x00, 0x00, 0x09]) }));
    expect(r.warnings.map((w) => cardFactWords(w)).join('\n')).toMatch(/EF\.DIR puts application [0-9A-F]+ at 3F000009: read at /);
  });
});
