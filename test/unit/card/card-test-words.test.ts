// Issue 19: the card test's facts (src/card/cps/card-test.ts) are worded by the view
// (src/view/card-test-words.ts) in the language chosen, from the catalogue; a rare failure (an
// unexpected answer, a timeout) is said in that language, never as the card layer's English
// developer message.

import { afterEach, describe, expect, it } from 'vitest';
import { runCardTest, type CardTestVerbs, type CheckFact, type CheckRemedy } from '../../../src/card/cps/card-test.js';
import { UnexpectedCardResponseError } from '../../../src/card/cps/errors.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { TransportError } from '../../../src/card/transport/errors.js';
import { defaultTrust } from '../../../src/card/trust/chain.js';
import { setLanguage, tIn, type Lang } from '../../../src/i18n/index.js';
import { checkDetail, checkRemedy, checkWords } from '../../../src/view/card-test-words.js';
import { testJson, testText } from '../../../src/app/commands/card-test.js';

afterEach(() => setLanguage('fr'));

describe.each(['fr', 'en'] as const)('in %s', (lang: Lang) => {
  it('a fact is the catalogue sentence, with its parameters', () => {
    setLanguage(lang);
    const refused: CheckFact = { kind: 'key.refusal', refusal: { kind: 'refused', step: 'MSE SET', sw: 0x6a88 } };
    expect(checkDetail(refused)).toBe(tIn(lang, 'cardTest.key.refused', { step: 'MSE SET', sw: '6A 88' }));
    expect(checkDetail({ kind: 'key.refusal', refusal: { kind: 'no-reference' } })).toBe(tIn(lang, 'cardTest.key.noReference'));
    expect(checkDetail({ kind: 'cert.expired', date: new Date('2014-03-31T12:00:00Z') })).toBe(
      tIn(lang, 'cardTest.cert.expired', { date: '31/03/2014' }),
    );
    expect(checkDetail({ kind: 'key.wrongPin', left: 2 })).toBe(tIn(lang, 'cardTest.key.wrongPin', { left: 2 }));
    expect(checkDetail({ kind: 'key.declined' })).toBe(tIn(lang, 'cardTest.key.declined'));
    expect(checkDetail({ kind: 'chain', result: { kind: 'unknown-issuer', issuer: 'AC X' } })).toBe(
      tIn(lang, 'cardTest.chain.unknownIssuer', { issuer: 'AC X' }),
    );
    const remedies: CheckRemedy[] = ['read', 'cert', 'removed', 'wrongPin'];
    for (const r of remedies) expect(checkRemedy(r)).not.toBe('');
    expect(checkWords({ id: 'codes', status: 'failed', fact: { kind: 'codes.pinBlocked' }, remedy: 'pinBlocked' })).toEqual({
      id: 'codes',
      status: 'failed',
      name: tIn(lang, 'cardTest.name.codes'),
      detail: tIn(lang, 'cardTest.codes.pinBlocked'),
      remedy: tIn(lang, 'cardTest.codes.pinBlockedRemedy'),
    });
  });
});

/** A card test whose read (or whose key checks) fail with `e`. */
async function failing(at: 'inspect' | 'signWithKeys', e: Error) {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, createFixtureCard('cps3-rpps'));
  const real = createCardService(transport) as unknown as CardTestVerbs;
  const cards: CardTestVerbs = {
    inspect: at === 'inspect' ? () => Promise.reject(e) : (r) => real.inspect(r),
    signWithKeys: () => Promise.reject(e),
  };
  return runCardTest(DEFAULT_READER, {
    cards,
    trust: defaultTrust('/nonexistent/coffre'),
    askPin: () => Promise.resolve({ kind: 'pin', code: '1234', lastTryConfirmed: false }),
  });
}

describe('a rare failure is said in French, never in the card layer’s English', () => {
  const unexpected = new UnexpectedCardResponseError('READ BINARY', 0x6f00);
  const timeout = new TransportError('timeout', 'SCardTransmit timed out after 5000 ms');

  it.each([
    ['an unexpected answer', unexpected],
    ['a timeout', timeout],
  ])('the read fails with %s', async (_, e) => {
    setLanguage('fr');
    const r = await failing('inspect', e);
    const read = checkWords(r.checks[0]!);
    expect(read.status).toBe('failed');
    expect(read.detail).toMatch(/^la carte n’a pas pu être lue : /);
    for (const out of [read.detail, testText(r), JSON.stringify(testJson(r))]) {
      expect(out).not.toContain(e.message);
      expect(out).not.toMatch(/unexpected card response|timed out/);
    }
  });

  it.each([
    ['an unexpected answer', unexpected],
    ['a timeout', timeout],
  ])('the key checks are interrupted by %s', async (_, e) => {
    setLanguage('fr');
    const r = await failing('signWithKeys', e);
    const auth = r.checks.find((c) => c.id === 'key-authentication')!;
    expect(auth.fact.kind).toBe('key.interrupted');
    const said = checkWords(auth);
    expect(said.detail).toMatch(/^vérification interrompue : /);
    expect(said.remedy).toBe(tIn('fr', 'cardTest.key.removedRemedy'));
    expect(testText(r)).not.toContain(e.message);
    expect(testText(r)).not.toMatch(/unexpected card response|timed out/);
  });
});
