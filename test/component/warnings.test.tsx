// The card screen shows the warnings of src/report/warnings.ts, the list the reports print.

import { afterEach, describe, expect, it } from 'vitest';
import { cardWarnings } from '../../src/report/warnings.js';
import { startApp, TODAY, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

describe('warnings on the card screen', () => {
  it('the last PUK try is said on the information tab, with the words of the report', async () => {
    h = await startApp({ card: 'puk-last-try' });
    await h.waitFor('Etat du code de déblocage');
    await h.waitFor(() => h!.actor.getSnapshot().context.report !== undefined);
    const report = h.actor.getSnapshot().context.report!;
    const w = cardWarnings(report, TODAY).find((x) => x.code === 'puk-last-try');
    expect(w).toBeDefined();
    await h.waitFor((f) => f.replace(/\s+/g, ' ').includes(w!.message));
  });

  it('expired certificates are said on the certificates tab; the seed info tab keeps its rows only', async () => {
    h = await startApp({ card: 'seed' });
    await h.waitFor('M DENT-CS0595 EMILE');
    expect(h.frame()).not.toContain('Le certificat de signature est expiré');
    await h.press('3');
    await h.waitFor((f) => f.replace(/\s+/g, ' ').includes('Le certificat de signature est expiré depuis le 31/03/2014'));
  });
});
