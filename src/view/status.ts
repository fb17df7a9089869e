// Every state of the tool in words: the title bar's name (stateInWords, src/machine/selectors.ts,
// the one the tests read), and, when the screen has something to say about it, a sentence and the
// remedy. A removed card is never a wrong code.

import { hex } from '../card/bytes.js';
import type { Notice } from '../machine/context.js';
import { stateName, type StateName } from '../machine/selectors.js';
import { stateInWords } from './words.js';
import { t } from '../i18n/index.js';
import { noticeWords, readerMismatchWords, transportWords } from './failure.js';
import type { AuditView } from './env.js';

export type StatusTone = 'ok' | 'warning' | 'danger' | 'muted' | undefined;

export interface Status {
  /** For the title bar. */
  readonly name: string;
  readonly text?: string;
  readonly remedy?: string;
  readonly tone?: StatusTone;
}

const NOTICE_TONE: Record<Notice['tone'], StatusTone> = { info: undefined, success: 'ok', warning: 'warning', error: 'danger' };

function fromNotice(name: string, n: Notice | undefined, fallback: Omit<Status, 'name'>): Status {
  if (n === undefined) return { name, ...fallback };
  const w = noticeWords(n);
  return {
    name,
    text: w.text,
    ...(w.remedy !== undefined ? { remedy: w.remedy } : fallback.remedy !== undefined ? { remedy: fallback.remedy } : {}),
    tone: NOTICE_TONE[n.tone],
  };
}

/** The title's colour on the card screen: danger for a blocked code or a last try. */
const CARD_TONE: Partial<Record<StateName, StatusTone>> = {
  inFlight: 'warning',
  pinBlocked: 'danger',
  pukUnusable: 'danger',
  pinLastTry: 'danger',
  pukLastTry: 'danger',
  fewUnblocks: 'warning',
  pinOk: 'ok',
};

export function statusOf(v: AuditView): Status {
  const c = v.context;
  const name = stateInWords(v);
  if (v.matches('starting')) return { name, text: t('status.starting.text'), tone: 'muted' };
  if (v.matches('serviceUnavailable')) {
    return {
      name,
      text: t('status.serviceUnavailable.text'),
      remedy:
        t('status.serviceUnavailable.remedy') +
        // The transport's own sentence says the same; its raw code is what support needs.
        (c.serviceError?.code !== undefined ? t('status.pcscCode', { code: c.serviceError.code.toString(16).toUpperCase() }) : ''),
      tone: 'danger',
    };
  }
  if (v.matches('accessRefused')) {
    return { name, text: t('status.accessRefused.text'), remedy: t('status.accessRefused.remedy'), tone: 'danger' };
  }
  if (v.matches('noReader')) {
    return {
      name,
      // The --reader filter's own sentence (src/card/transport/reader-match.ts).
      text: c.readerProblem !== undefined ? readerMismatchWords(c.readerProblem) : t('status.noReader.text'),
      remedy: c.readerProblem !== undefined ? t('status.noReader.badFilter') : t('status.noReader.remedy'),
      tone: 'warning',
    };
  }
  if (v.matches('noCard')) return { name, text: t('status.noCard.text'), remedy: t('status.noCard.remedy') };
  if (v.matches('choosingReader')) return { name, text: t('status.choosingReader.text') };
  if (v.matches('cardInUse')) {
    return fromNotice(name, c.problem, { ...transportWords('card-in-use'), tone: 'warning' });
  }
  if (v.matches('reading')) return { name, text: t('status.reading.text'), remedy: t('status.reading.remedy'), tone: 'muted' };
  if (v.matches('cardUnrecognised')) {
    const atr = c.report ? hex(c.report.identity.atr) : undefined;
    const base = fromNotice(name, c.problem, {
      text: t('status.unrecognised.text'),
      remedy: t('status.unrecognised.remedy'),
      tone: 'warning',
    });
    return atr !== undefined && !(base.text ?? '').includes(atr)
      ? { ...base, text: t('status.atr', { text: base.text ?? '', atr }) }
      : base;
  }
  if (v.matches('readFailed')) {
    return fromNotice(name, c.problem, { text: t('status.readFailed.text'), remedy: t('status.readFailed.remedy'), tone: 'danger' });
  }
  if (v.matches('interrupted')) {
    return fromNotice(name, c.notice ?? c.outcome, {
      text: t('status.interrupted.text'),
      remedy: t('status.interrupted.remedy'),
      tone: 'warning',
    });
  }
  if (v.matches('done')) return fromNotice(name, c.outcome, { tone: 'ok' });
  return { name, tone: CARD_TONE[stateName(v)] };
}
