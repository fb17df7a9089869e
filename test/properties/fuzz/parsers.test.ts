// Every parser of what a card (or vpcd) sends, fuzzed from the saved corpus (test/fuzz-corpus,
// the simulator's real files) with a fixed seed, FUZZ_SEED adding one: at least 10,000 mutated
// or random inputs each. A parser may fail only with its own typed error; a directory entry that
// fails must fail for a reason of its own (never a JavaScript TypeError or RangeError).

import { describe, expect, it } from 'vitest';
import { absolutePath, fcpSize } from '../../../src/card/cps/card-files.js';
import { parseCountersResponse } from '../../../src/card/cps/counters.js';
import { UnknownLayoutError, parseActivity, parseIdCard, parseInfoPs, parseNamePs } from '../../../src/card/cps/holder-data.js';
import { identifyCard } from '../../../src/card/cps/identify.js';
import { parseSnIcc } from '../../../src/card/cps/sn-icc.js';
import { parseAodf } from '../../../src/card/pkcs15/aodf.js';
import { Pkcs15Error, type Entry } from '../../../src/card/pkcs15/asn1.js';
import { parseCdf } from '../../../src/card/pkcs15/cdf.js';
import { parseCertificate } from '../../../src/card/pkcs15/certificate.js';
import { parseEfDir } from '../../../src/card/pkcs15/dir.js';
import { parseDodf } from '../../../src/card/pkcs15/dodf.js';
import { parseOdf } from '../../../src/card/pkcs15/odf.js';
import { parsePrkdf } from '../../../src/card/pkcs15/prkdf.js';
import { parseTokenInfo } from '../../../src/card/pkcs15/token-info.js';
import { parseTlvs, TlvError, type Tlv } from '../../../src/card/tlv/tlv.js';
import { genericView } from '../../../src/card/tlv/generic.js';
import { genericLines } from '../../../src/view/format.js';
import { parseLastUpdate } from '../../../src/card/cps/last-update.js';
import { fuzz, type FuzzResult, type FuzzTarget } from '../../support/fuzz.js';
import { readCorpus, type ParserName } from '../../support/fuzz-corpus.js';
import { cardFactWords } from '../../../src/i18n/card-facts.js';
import { errorWords } from '../../../src/view/failure.js';

const N = 10_000;
const SEED = 0xc95a0d17;

const isTlv = (e: unknown) => e instanceof TlvError;
const never = () => false;

/** A directory's entries: each failure named, never a raw JavaScript error. */
function entries(list: readonly Entry<unknown>[]): void {
  for (const e of list) {
    if (
      !e.ok &&
      (cardFactWords(e.reason).length === 0 || /TypeError|RangeError|undefined|Cannot read|is not/.test(cardFactWords(e.reason)))
    ) {
      throw new Error(`entrée en échec non typé : ${cardFactWords(e.reason)}`);
    }
  }
}

/** Every node of a parsed tree stays inside the input. */
function inside(list: readonly Tlv[], size: number): void {
  for (const t of list) {
    if (t.value.length > size) throw new Error('valeur plus longue que l’entrée');
    if (t.children) inside(t.children, size);
  }
}

const holderParsers = [parseIdCard, parseNamePs, parseInfoPs, parseActivity];

const TARGETS: readonly (Omit<FuzzTarget, 'corpus'> & { corpus: ParserName })[] = [
  { name: 'BER-TLV', corpus: 'tlv', run: (b) => inside(parseTlvs(b), b.length), isExpectedError: isTlv },
  { name: 'EF.DIR', corpus: 'dir', run: (b) => entries(parseEfDir(b)), isExpectedError: isTlv },
  { name: 'ODF', corpus: 'odf', run: (b) => entries(parseOdf(b)), isExpectedError: isTlv },
  { name: 'TokenInfo', corpus: 'token-info', run: parseTokenInfo, isExpectedError: (e) => isTlv(e) || e instanceof Pkcs15Error },
  { name: 'AODF', corpus: 'aodf', run: (b) => entries(parseAodf(b)), isExpectedError: isTlv },
  { name: 'PrKDF', corpus: 'prkdf', run: (b) => entries(parsePrkdf(b)), isExpectedError: isTlv },
  {
    name: 'CDF',
    corpus: 'cdf',
    // The session joins each entry's path to the application's: that must hold too.
    run: (b) => {
      const list = parseCdf(b);
      entries(list);
      for (const e of list) if (e.ok) absolutePath(Uint8Array.of(0x3f, 0x00, 0x00, 0x01), e.value.path.path);
    },
    isExpectedError: isTlv,
  },
  { name: 'DODF', corpus: 'dodf', run: (b) => entries(parseDodf(b)), isExpectedError: isTlv },
  {
    name: 'EF.SN.ICC',
    corpus: 'sn-icc',
    run: (b) => {
      const r = parseSnIcc(b);
      if (r.ok && !/^\d{8}$/.test(r.serial)) throw new Error(`numéro de série ${r.serial}`);
      if (!r.ok && cardFactWords(r.reason).length === 0) throw new Error('raison vide');
    },
    isExpectedError: never,
  },
  {
    name: 'FCP',
    corpus: 'fcp',
    run: (b) => {
      const n = fcpSize(b);
      if (n !== null && !(Number.isInteger(n) && n >= 0)) throw new Error(`taille ${n}`);
    },
    isExpectedError: never,
  },
  {
    name: 'certificat X.509',
    corpus: 'certificate',
    run: (b) => {
      const c = parseCertificate(b);
      // What the report shows of it must be there, and readable.
      if (typeof c.subject !== 'string' || typeof c.serial !== 'string') throw new Error('champs absents');
      void c.notBefore.getTime();
      void c.notAfter.getTime();
    },
    // parseCertificate wraps every failure of the X.509 library in one readable Error.
    isExpectedError: (e) => e instanceof Error && errorWords(e).startsWith('certificat illisible'),
  },
  {
    // Objects in an unknown layout and EF_ACTUA: the generic view never throws, keeps every byte
    // (parsed or in `rest`), and its text never holds a control character.
    name: 'vue BER-TLV générique',
    corpus: 'holder-data',
    run: (b) => {
      const v = genericView(b);
      if (v.size !== b.length) throw new Error('taille perdue');
      const lines = genericLines(v).join('\n');
      if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(lines)) throw new Error('caractère de contrôle dans la vue');
      parseLastUpdate(b);
    },
    isExpectedError: never,
  },
  {
    name: 'données du porteur',
    corpus: 'holder-data',
    run: (b) => {
      for (const parse of holderParsers) {
        try {
          parse(b);
        } catch (e) {
          if (!(e instanceof UnknownLayoutError)) throw e;
        }
      }
    },
    isExpectedError: never,
  },
  {
    name: 'compteurs GET DATA',
    corpus: 'counters',
    run: (b) => {
      for (const ref of [1, 2]) {
        try {
          const c = parseCountersResponse(b, ref);
          for (const v of [c.maxTries, c.triesLeft, c.usagesLeft]) {
            if (v !== null && v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) throw new Error(`compteur ${v}`);
          }
        } catch (e) {
          if (!isTlv(e)) throw e;
        }
      }
    },
    isExpectedError: never,
  },
  {
    name: 'ATR',
    corpus: 'atr',
    run: (b) => {
      const id = identifyCard(b);
      if (id.model === 'inconnu' && (id.supported || id.hasPin)) throw new Error('carte inconnue dite prise en charge');
    },
    isExpectedError: never,
  },
];

describe(`parsers under fuzzing (seed ${SEED.toString(16)}, ${N} inputs each)`, () => {
  const results: FuzzResult[] = [];
  for (const t of TARGETS) {
    it(t.name, () => {
      const corpus = readCorpus(t.corpus);
      expect(corpus.length, `${t.corpus}: corpus vide`).toBeGreaterThan(0);
      const r = fuzz({ ...t, corpus }, N, SEED);
      results.push(r);
      expect(r.tried).toBeGreaterThanOrEqual(N);
      expect(r.crashes.slice(0, 3), t.name).toEqual([]);
    });
  }
});
