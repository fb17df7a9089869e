// Issue 21: the card test's result as lines of plain text (the accessible mode), the same words as
// the full screen's CardTestView and `cps-audit test`.

import type { CardTestResult, CheckStatus } from '../card/cps/card-test.js';
import { t } from '../i18n/index.js';
import { checkWords } from './card-test-words.js';

export const CHECK_MARK: Readonly<Record<CheckStatus, string>> = { passed: '✓', skipped: '–', failed: '✗' };

export function cardTestLines(r: CardTestResult): string[] {
  const lines = [t('cardTest.title', { serial: r.serial ? t('cardTest.serial', { serial: r.serial }) : '', reader: r.reader })];
  for (const c of r.checks.map(checkWords)) {
    lines.push(
      t('cardTest.line', { mark: CHECK_MARK[c.status], name: c.name, status: t(`cardTest.status.${c.status}`), detail: c.detail }),
    );
    if (c.remedy !== undefined) lines.push(t('cardTest.todo', { remedy: c.remedy }));
  }
  lines.push(t('cardTest.summary', r.counts));
  return lines;
}
