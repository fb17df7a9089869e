// The journal's line for a card test (issue 21), shared by `cps-audit test` and the `t` key
// (journal-record.ts), in a module of its own so that the full screen loads no card-test code.

import type { CardTestResult } from '../../card/cps/card-test.js';
import { t } from '../../i18n/index.js';
import type { JournalInput } from './journal.js';

/** The journal's line for a test that reached the card (src/app/commands/journal.ts): counts, no code. */
export function journalInputOf(r: CardTestResult, demo: boolean): JournalInput | undefined {
  if (!r.card) return undefined;
  const tries = { pin: r.card.pin, puk: r.card.puk };
  return {
    operation: 'card-test',
    outcome: r.counts.failed > 0 ? 'failed' : 'done',
    card: { serial: r.serial, model: r.card.model },
    reader: r.reader,
    before: tries,
    // Not read again after the test: a right PIN leaves the count where it was or restores it.
    after: { pin: null, puk: tries.puk },
    message: t('cardTest.summary', r.counts),
    ...(demo ? { source: 'demo' as const } : {}),
    at: r.at,
  };
}
