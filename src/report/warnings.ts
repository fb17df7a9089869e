// The warnings a support technician must not miss, computed once from a card report and a date:
// the text report, the JSON report and the card screen all show this list (never their own).

import type { CardReport, CertificateInfo } from '../card/cps/report.js';
import { t } from '../i18n/index.js';
import { safeText } from '../card/safe-text.js';

/** Days ahead within which an end of validity is announced. */
export const EXPIRY_NOTICE_DAYS = 90;
/** A PUK with this many lifetime unblocks left, or fewer, is worth a warning. */
export const FEW_UNBLOCKS = 10;

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

const DAY = 24 * 3600 * 1000;

function frDate(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

function daysBetween(later: Date, now: Date): number {
  return Math.floor((later.getTime() - now.getTime()) / DAY);
}

function inDays(n: number): string {
  if (n <= 0) return t('warn.today');
  return n > 1 ? t('warn.inDays.many', { n }) : t('warn.inDays.one', { n });
}

const RENEW = (): string => t('warn.renew');

const certName = (use: CertificateInfo['use']): string => t(`warn.cert.${use}`);

export function cardWarnings(report: CardReport, now: Date): CardWarning[] {
  const out: CardWarning[] = [];
  if (report.validTo.ok) {
    const end = new Date(`${report.validTo.value}T23:59:59Z`);
    if (!Number.isNaN(end.getTime())) {
      const days = daysBetween(end, now);
      if (end.getTime() < now.getTime()) {
        out.push({ code: 'card-expired', severity: 'danger', days, message: t('warn.cardExpired', { date: frDate(end), renew: RENEW() }) });
      } else if (days <= EXPIRY_NOTICE_DAYS) {
        out.push({
          code: 'card-expiring',
          severity: 'warning',
          days,
          message: t('warn.cardExpiring', { when: inDays(days), date: frDate(end), renew: RENEW() }),
        });
      }
    }
  }
  for (const c of report.certificates) {
    if (!c.ok) continue;
    const cert = c.value;
    const name = certName(cert.use);
    const days = daysBetween(cert.notAfter, now);
    if (now.getTime() > cert.notAfter.getTime()) {
      out.push({
        code: 'certificate-expired',
        severity: 'danger',
        days,
        message: t('warn.certExpired', { name, date: frDate(cert.notAfter), renew: RENEW() }),
      });
    } else if (now.getTime() < cert.notBefore.getTime()) {
      out.push({
        code: 'certificate-not-yet-valid',
        severity: 'warning',
        message: t('warn.certNotYetValid', { name, date: frDate(cert.notBefore) }),
      });
    } else if (days <= EXPIRY_NOTICE_DAYS) {
      out.push({
        code: 'certificate-expiring',
        severity: 'warning',
        days,
        message: t('warn.certExpiring', { name, when: inDays(days), date: frDate(cert.notAfter), renew: RENEW() }),
      });
    }
  }
  if (report.identity.hasPin) {
    if (report.pin.triesLeft === 1) {
      out.push({
        code: 'pin-last-try',
        severity: 'danger',
        message: t('warn.pinLastTry'),
      });
    }
    const pukUsable = report.puk.unblocksLeft !== 0;
    if (report.puk.triesLeft === 1 && pukUsable) {
      out.push({
        code: 'puk-last-try',
        severity: 'danger',
        message: t('warn.pukLastTry'),
      });
    }
    const left = report.puk.unblocksLeft;
    if (typeof left === 'number' && left > 0 && left <= FEW_UNBLOCKS) {
      out.push({
        code: 'puk-few-unblocks',
        severity: left <= 2 ? 'danger' : 'warning',
        message: left > 1 ? t('warn.fewUnblocks.many', { n: left }) : t('warn.fewUnblocks.one', { n: left }),
      });
    }
  }
  for (const w of report.warnings) out.push({ code: 'card-data', severity: 'warning', message: safeText(w) });
  return out;
}
