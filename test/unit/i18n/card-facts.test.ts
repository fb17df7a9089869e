// Issue 19 ("words"): the card layer reports facts (a kind and its values, src/card/fact.ts); the
// view level words them from the catalogue (src/i18n/card-facts.ts), in either language, as the
// card layer used to word them itself.

import { describe, expect, it } from 'vitest';
import { parseSnIcc } from '../../../src/card/cps/sn-icc.js';
import { fact, factOf } from '../../../src/card/fact.js';
import { parseOdf } from '../../../src/card/pkcs15/odf.js';
import { Pkcs15Error, readCommonObject, readPath } from '../../../src/card/pkcs15/asn1.js';
import { parseTlv } from '../../../src/card/tlv/tlv.js';
import { fromHex } from '../../../src/card/bytes.js';
import { cardFactWords, modelName } from '../../../src/i18n/card-facts.js';
import { setLanguage } from '../../../src/i18n/index.js';
import { errorWords } from '../../../src/view/failure.js';
import { genericLines } from '../../../src/view/format.js';
import { genericView } from '../../../src/card/tlv/generic.js';
import { toJsonValue } from '../../../src/report/json.js';

describe('the card layer’s facts, in words', () => {
  it('a reason inside a warning: each worded in the language asked', () => {
    const f = fact('card.file.unreadable', {
      name: 'ODF',
      reason: fact('card.tlv.invalid', { offset: 3, message: fact('card.tlv.tagCut') }),
    });
    expect(cardFactWords(f, 'fr')).toBe("ODF illisible (TLV invalide à l'octet 3 : étiquette tronquée)");
    expect(cardFactWords(f, 'en')).toBe('ODF unreadable (invalid TLV at byte 3: tag cut short)');
  });

  it('a parser’s refusal is a typed fact with an English message; its words come from the catalogue', () => {
    const [entry] = parseOdf(fromHex('A9 02 01 00'));
    expect(entry?.ok).toBe(false);
    if (!entry || entry.ok) return;
    expect(entry.reason).toEqual({ kind: 'card.p15.odfEntry', values: { tag: 'a9' } });
    const caught = new Pkcs15Error(entry.reason);
    expect(caught).toBeInstanceOf(Pkcs15Error);
    expect(caught.message).toBe('card.p15.odfEntry: tag=a9');
    expect(cardFactWords(factOf(caught), 'fr')).toBe('entrée ODF inconnue (a9)');
    expect(cardFactWords(factOf(caught), 'en')).toBe('unknown ODF entry (a9)');
    setLanguage('en');
    try {
      expect(errorWords(caught)).toBe('unknown ODF entry (a9)');
    } finally {
      setLanguage('fr');
    }
  });

  it('a serial number refused, and the model names', () => {
    const sn = parseSnIcc(fromHex('5A 0A 80 25 00 00 01 99 00 27 52'));
    expect(sn.ok).toBe(false);
    if (sn.ok) return;
    expect(cardFactWords(sn.reason, 'fr')).toBe('EF.SN.ICC de 11 octets au lieu de 12');
    expect(cardFactWords(sn.reason, 'en')).toBe('EF.SN.ICC of 11 bytes instead of 12');
    expect(modelName('CPS3')).toBe('CPS3');
    setLanguage('en');
    try {
      expect(modelName('CPS3 sans contact')).toBe('CPS3 contactless');
    } finally {
      setLanguage('fr');
    }
  });

  it('an error that is not a fact of ours keeps its own message', () => {
    expect(cardFactWords(factOf(new Error('SELECT 3F00: 6A 86')), 'en')).toBe('SELECT 3F00: 6A 86');
  });

  it('the generic view: a long value cut short, worded on screen and in the JSON, in either language', () => {
    const v = genericView(Uint8Array.of(0x80, 0x50, ...new Uint8Array(0x50).fill(0xab)));
    const node = v.nodes[0];
    expect(node?.kind === 'bytes' && typeof node.hex === 'object' && node.hex.kind).toBe('card.tlv.hexCut');
    const cut = `${Array(64).fill('AB').join(' ')} … (80`;
    expect(genericLines(v)).toEqual([`80 : ${cut} octets)`]);
    expect(JSON.stringify(toJsonValue(v))).toContain(`${cut} octets)`);
    setLanguage('en');
    try {
      expect(genericLines(v)).toEqual([`80 : ${cut} bytes)`]);
    } finally {
      setLanguage('fr');
    }
  });

  it('the names of PKCS#15 parts and an empty value are words of the language asked (they were French in English)', () => {
    // A path (SEQUENCE) without its OCTET STRING; common attributes that are no SEQUENCE.
    const noPath = (() => {
      try {
        readPath(parseTlv(fromHex('30 03 02 01 00')), 'CDF');
      } catch (e) {
        return factOf(e);
      }
    })();
    const notCommon = (() => {
      try {
        readCommonObject(parseTlv(fromHex('04 00')));
      } catch (e) {
        return factOf(e);
      }
    })();
    expect(noPath && cardFactWords(noPath, 'en')).toContain('CDF : path');
    expect(noPath && cardFactWords(noPath, 'fr')).toContain('CDF : chemin');
    expect(notCommon && cardFactWords(notCommon, 'en')).toContain('common attributes');
    expect(notCommon && cardFactWords(notCommon, 'fr')).toContain('attributs communs');
    const empty = genericView(Uint8Array.of(0xa0, 0x00, 0x80, 0x00));
    expect(genericLines(empty)).toEqual(['A0 (vide)', '80 : (vide)']);
    setLanguage('en');
    try {
      expect(genericLines(empty)).toEqual(['A0 (empty)', '80 : (empty)']);
    } finally {
      setLanguage('fr');
    }
  });
});
