// Issue 18 point 6 + 19: a garbled answer during the read (one byte instead of the two status
// bytes: MalformedResponseError) is a failed read of that object, and its warning is said in
// the language chosen ("réponse mal formée"), never as the card layer's English developer message.

import { afterEach, describe, expect, it } from 'vitest';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { withQuirk } from '../../../src/card/simulator/quirks.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { setLanguage, type Lang } from '../../../src/i18n/index.js';
import { cardFactWords } from '../../../src/i18n/card-facts.js';

afterEach(() => setLanguage('fr'));

async function readGarbled(lang: Lang) {
  setLanguage(lang);
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, withQuirk(createFixtureCard('seed'), 'short-answer-during-read'));
  return createCardService(transport).read(DEFAULT_READER);
}

describe('a one-byte answer during the read', () => {
  it('fr: the warning says "réponse mal formée", in French', async () => {
    const report = await readGarbled('fr');
    const warning = report.warnings.map((w) => cardFactWords(w)).find((w) => /READ BINARY/.test(w));
    expect(warning).toMatch(/ : READ BINARY .* : réponse mal formée \(1 octet\(s\) au lieu d'au moins 2\)$/);
    expect(JSON.stringify(report)).not.toMatch(/malformed answer|1 bytes/);
  });

  it('en: the same warning in English', async () => {
    const report = await readGarbled('en');
    const warning = report.warnings.map((w) => cardFactWords(w)).find((w) => /READ BINARY/.test(w));
    expect(warning).toMatch(/READ BINARY .*: malformed answer \(1 byte\(s\) instead of at least 2\)$/);
  });
});
