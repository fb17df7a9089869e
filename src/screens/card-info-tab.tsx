// "Informations sur la carte": the codes' state, the card's identifiers and dates, the date of its
// last update when it has one (EF_ACTUA), and every data object this tool cannot decode, shown
// once as it is ("format non publié"), since their fields belong to this tab and the one above.

import { Box } from 'ink';
import type { CardReport } from '../card/cps/report.js';
import { standing } from '../card/cps/standing.js';
import { cardExpiryText, frenchDate, pinStatusText, pukStatusText, readable, text, unreadNote } from '../view/format.js';
import { Note, notPublished, UndecodedObjectView } from './generic-view.js';
import { Field } from './layout.js';
import { WarningList, infoTabWarnings } from './warning-list.js';
import { t } from '../i18n/index.js';

const W = 39;

export function CardInfoTab({ report, now }: { report?: CardReport; now: Date }) {
  const stands = report ? standing(report, now) : undefined;
  const pinBlocked = stands?.pin === 'blocked';
  const pukBad = stands !== undefined && !stands.pukUsable;
  const expiry = report ? cardExpiryText(report.validTo, now) : undefined;
  const unread = report ? unreadNote([report.issuer, report.logicalId, report.validFrom, report.validTo]) : undefined;
  const last = report?.lastUpdate;
  // The last try of a code, and a PUK with few lifetime unblocks left, are warnings (in words in
  // pinStatusText, and in colour here), the same ones report/warnings.ts lists below.
  const warned = new Set(report?.identity.supported ? infoTabWarnings(report, now).map((w) => w.code) : []);
  const pinLast = warned.has('pin-last-try');
  const pukLast = warned.has('puk-last-try');
  const pukFew = warned.has('puk-few-unblocks');
  return (
    <Box flexDirection="column">
      <Field
        label={t('field.pinState')}
        width={W}
        value={report ? pinStatusText(report.pin) : ''}
        tone={pinBlocked || pinLast ? 'danger' : report ? 'ok' : undefined}
      />
      <Field
        label={t('field.pukState')}
        width={W}
        value={report ? pukStatusText(report.puk) : ''}
        tone={pukBad || pukLast ? 'danger' : pukFew ? 'warning' : report ? 'ok' : undefined}
      />
      {report?.identity.hasPin && report.puk.unblocksLeft === null ? (
        // The card does not tell its lifetime unblocks (CPS4): unknown, not guessed.
        <Field label={t('field.unblocksLeft')} width={W} value={t('value.unknownNotTold')} />
      ) : null}
      <Field label={t('field.issuer')} width={W} value={report ? text(report.issuer) : ''} />
      <Field label={t('field.logicalId')} width={W} value={report ? text(report.logicalId) : ''} />
      <Field label={t('field.validFrom')} width={W} value={report ? readable(report.validFrom, frenchDate) : ''} />
      <Field label={t('field.validTo')} width={W} value={expiry?.text ?? ''} tone={expiry?.expired ? 'danger' : undefined} />
      {last !== undefined && (
        <Field
          label={t('field.lastUpdate')}
          width={W}
          value={last.kind === 'date' ? frenchDate(last.iso) : t('value.lastUpdateRaw', { notPublished: notPublished() })}
        />
      )}
      {unread !== undefined && <Note indent={0}>{unread}</Note>}
      {last?.kind === 'raw' && <UndecodedObjectView label="EF_ACTUA" title={t('field.lastUpdateShort')} view={last.content} />}
      {report?.undecoded.map((u) => (
        <UndecodedObjectView key={u.label} label={u.label} view={u.content} />
      ))}
      {report?.identity.supported ? <WarningList warnings={infoTabWarnings(report, now)} /> : null}
    </Box>
  );
}
