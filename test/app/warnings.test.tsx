// The card screen shows the warnings of src/report/warnings.ts, the list the reports print, in
// French and in English.

import { afterEach, describe, expect, it } from 'vitest';
import { cardWarnings } from '../../src/report/warnings.js';
import { startApp, TODAY, type Harness } from '../support/app-harness.js';
import { LANG_CASES, flat, wordsIn } from '../support/words.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

describe.each(LANG_CASES)('warnings on the card screen (%s)', (lang) => {
  it('the last PUK try is said on the information tab, with the words of the report', async () => {
    h = await startApp({ card: 'puk-last-try', lang });
    await h.waitFor(wordsIn(lang)('field.pukState'));
    await h.waitFor(() => h!.actor.getSnapshot().context.report !== undefined);
    const report = h.actor.getSnapshot().context.report!;
    const w = cardWarnings(report, TODAY).find((x) => x.code === 'puk-last-try');
    expect(w).toBeDefined();
    await h.waitFor((f) => flat(f).includes(w!.message));
  });

  it('expired certificates are said on the certificates tab; the seed info tab keeps its rows only', async () => {
    h = await startApp({ card: 'seed', lang });
    await h.readDone();
    const expired = cardWarnings(h.actor.getSnapshot().context.report!, TODAY).find((x) => x.code === 'certificate-expired');
    expect(expired?.message).toContain('31/03/2014');
    expect(flat(h.frame())).not.toContain(expired!.message);
    await h.press('3');
    await h.waitFor((f) => flat(f).includes(expired!.message));
  });
});

describe('warnings: the reference wording (French)', () => {
  it("the seed's expired signature certificate, word for word", async () => {
    h = await startApp({ card: 'seed' });
    await h.readDone();
    await h.press('3');
    await h.waitFor((f) => flat(f).includes('Le certificat de signature est expiré depuis le 31/03/2014'));
  });
});
