// The warnings a support technician must not miss, computed once from a card report and a date:
// the text report, the JSON report and the card screen all show this list (never their own).
// Which codes and dates call for one is the card's standing (card/cps/standing.ts, with its
// thresholds FEW_UNBLOCKS and EXPIRY_NOTICE_DAYS); this file only words it.

import type { CardReport, CertificateInfo } from '../card/cps/report.js';
import { t } from '../i18n/index.js';
import { safeText } from '../card/safe-text.js';
import { standing, VERY_FEW_UNBLOCKS } from '../card/cps/standing.js';
import { frenchDateOf } from '../view/format.js';

export type WarningCode =
  | 'card-expired'
  | 'card-expiring'
  | 'certificate-expired'
  | 'certificate-expiring'
  | 'certificate-not-yet-valid'
  | 'pin-last-try'
  | 'puk-last-try'
  | 'puk-few-unblocks'
  | 'card-data';

export interface CardWarning {
  readonly code: WarningCode;
  /** danger: act now (expired, last try); warning: act soon. */
  readonly severity: 'warning' | 'danger';
  /** One sentence, with what to do, in the language chosen at start (src/i18n). */
  readonly message: string;
  /** Days until (negative: since) the end of validity, for the expiry warnings. */
  readonly days?: number;
}

function inDays(n: number): string {
  if (n <= 0) return t('warn.today');
  return n > 1 ? t('warn.inDays.many', { n }) : t('warn.inDays.one', { n });
}

const RENEW = (): string => t('warn.renew');

const certName = (use: CertificateInfo['use']): string => t(`warn.cert.${use}`);

export function cardWarnings(report: CardReport, now: Date): CardWarning[] {
  const out: CardWarning[] = [];
  const st = standing(report, now);
  const card = st.card;
  if (card.kind === 'expired') {
    out.push({
      code: 'card-expired',
      severity: 'danger',
      days: card.days,
      message: t('warn.cardExpired', { date: frenchDateOf(card.end), renew: RENEW() }),
    });
  } else if (card.kind === 'expiring') {
    out.push({
      code: 'card-expiring',
      severity: 'warning',
      days: card.days,
      message: t('warn.cardExpiring', { when: inDays(card.days), date: frenchDateOf(card.end), renew: RENEW() }),
    });
  }
  report.certificates.forEach((c, i) => {
    const validity = st.certificates[i];
    if (!c.ok || validity === undefined || validity.kind === 'unknown') return;
    const cert = c.value;
    const name = certName(cert.use);
    const days = validity.days;
    if (validity.kind === 'expired') {
      out.push({
        code: 'certificate-expired',
        severity: 'danger',
        days,
        message: t('warn.certExpired', { name, date: frenchDateOf(cert.notAfter), renew: RENEW() }),
      });
    } else if (validity.kind === 'notYetValid') {
      out.push({
        code: 'certificate-not-yet-valid',
        severity: 'warning',
        message: t('warn.certNotYetValid', { name, date: frenchDateOf(cert.notBefore) }),
      });
    } else if (validity.kind === 'expiring') {
      out.push({
        code: 'certificate-expiring',
        severity: 'warning',
        days,
        message: t('warn.certExpiring', { name, when: inDays(days), date: frenchDateOf(cert.notAfter), renew: RENEW() }),
      });
    }
  });
  if (st.hasPin) {
    if (st.pin === 'lastTry') {
      out.push({
        code: 'pin-last-try',
        severity: 'danger',
        message: t('warn.pinLastTry'),
      });
    }
    if (st.puk === 'lastTry') {
      out.push({
        code: 'puk-last-try',
        severity: 'danger',
        message: t('warn.pukLastTry'),
      });
    }
    const left = st.unblocksLeft;
    if ((st.unblocks === 'few' || st.unblocks === 'last') && typeof left === 'number') {
      out.push({
        code: 'puk-few-unblocks',
        severity: left <= VERY_FEW_UNBLOCKS ? 'danger' : 'warning',
        message: left > 1 ? t('warn.fewUnblocks.many', { n: left }) : t('warn.fewUnblocks.one', { n: left }),
      });
    }
  }
  for (const w of report.warnings) out.push({ code: 'card-data', severity: 'warning', message: safeText(w) });
  return out;
}
