// `diagnose`, the card (issue 22): what a technician must act on is a problem with its remedy,
// never a ✔: a blocked PIN, an unblock code on its last try or blocked, no unblock left, an
// expired card or certificate. And cards that are not CPS, named (a Vitale card is the patient's).

import { modelName } from '../../card/cps/identify.js';
import type { CardReport } from '../../card/cps/report.js';
import { standing } from '../../card/cps/standing.js';
import { safeText } from '../../card/safe-text.js';
import { t } from '../../i18n/index.js';
import type { Check } from './diagnose.js';

const day = (d: Date) => d.toISOString().slice(0, 10);

export function cardChecks(r: CardReport, now: Date): Check[] {
  const serial = r.serial.ok ? safeText(r.serial.value) : t('outcome.serialUnreadable');
  const label = t('diag.i22.card', { model: modelName(r.identity.model), serial });
  const out: Check[] = [];
  const problem = (id: string, value: string, remedy: string) => out.push({ id, label, status: 'problem', value, remedy });
  const st = standing(r, now);
  if (st.hasPin) {
    if (st.puk === 'exhausted') problem('card-puk', t('diag.i22.puk.exhausted'), t('diag.i22.puk.replace.remedy'));
    else if (st.puk === 'blocked') problem('card-puk', t('diag.i22.puk.blocked'), t('diag.i22.puk.replace.remedy'));
    else if (st.puk === 'lastTry') problem('card-puk', t('diag.i22.puk.lastTry'), t('diag.i22.puk.lastTry.remedy'));
    else if (st.unblocks === 'last') problem('card-puk', t('diag.i22.puk.lastUnblock'), t('diag.i22.puk.lastUnblock.remedy'));
    if (st.pin === 'blocked') {
      problem('card-pin', t('diag.i22.pin.blocked'), st.pukUsable ? t('diag.i22.pin.blocked.remedy') : t('diag.i22.puk.replace.remedy'));
    } else if (st.pin === 'lastTry') problem('card-pin', t('diag.i22.pin.lastTry'), t('diag.i22.pin.lastTry.remedy'));
  }
  if (r.validTo.ok && st.card.kind === 'expired')
    problem('card-expired', t('diag.i22.expired', { date: r.validTo.value }), t('diag.i22.expired.remedy'));
  r.certificates.forEach((c, i) => {
    if (!c.ok || st.certificates[i]?.kind !== 'expired') return;
    problem(
      'card-certificate',
      t('diag.i22.certExpired', { label: safeText(c.value.label), date: day(c.value.notAfter) }),
      t('diag.i22.expired.remedy'),
    );
  });
  if (out.length === 0) {
    const pin = r.pin.triesLeft === null ? '?' : String(r.pin.triesLeft);
    out.push({ id: 'card', label, status: 'ok', value: r.identity.hasPin ? t('diag.i22.card.ok', { pin }) : t('diag.i22.card.noPin') });
  }
  return out;
}
