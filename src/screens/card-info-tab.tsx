// "Informations sur la carte": the codes' state, the card's identifiers and dates, the date of its
// last update when it has one (EF_ACTUA), and every data object this tool cannot decode, shown
// once as it is ("format non publié"), since their fields belong to this tab and the one above.

import { Box } from 'ink';
import type { CardReport } from '../card/cps/report.js';
import { cardExpiryText, frenchDate, pinStatusText, pukStatusText, readable, text, unreadNote } from './format.js';
import { Note, NOT_PUBLISHED, UndecodedObjectView } from './generic-view.js';
import { Field } from './layout.js';
import { WarningList, infoTabWarnings } from './warning-list.js';

const W = 39;

export function CardInfoTab({ report, now }: { report?: CardReport; now: Date }) {
  const pinBlocked = report?.pin.triesLeft === 0;
  const pukBad = report !== undefined && (report.puk.triesLeft === 0 || report.puk.unblocksLeft === 0);
  const expiry = report ? cardExpiryText(report.validTo, now) : undefined;
  const unread = report ? unreadNote([report.issuer, report.logicalId, report.validFrom, report.validTo]) : undefined;
  const last = report?.lastUpdate;
  return (
    <Box flexDirection="column">
      <Field
        label="Etat du code porteur utilisateur"
        width={W}
        value={report ? pinStatusText(report.pin) : ''}
        tone={pinBlocked ? 'danger' : report ? 'ok' : undefined}
      />
      <Field
        label="Etat du code de déblocage"
        width={W}
        value={report ? pukStatusText(report.puk) : ''}
        tone={pukBad ? 'danger' : report ? 'ok' : undefined}
      />
      {report?.identity.hasPin && report.puk.unblocksLeft === null ? (
        // The card does not tell its lifetime unblocks (CPS4): unknown, not guessed.
        <Field label="Déblocages restants (vie de la carte)" width={W} value="inconnu (la carte ne le dit pas)" />
      ) : null}
      <Field label="Identifiant de l'émetteur de la carte" width={W} value={report ? text(report.issuer) : ''} />
      <Field label="Identifiant logique de la carte" width={W} value={report ? text(report.logicalId) : ''} />
      <Field label="Date de début de validité de la carte" width={W} value={report ? readable(report.validFrom, frenchDate) : ''} />
      <Field label="Date d'expiration de la carte" width={W} value={expiry?.text ?? ''} tone={expiry?.expired ? 'danger' : undefined} />
      {last !== undefined && (
        <Field
          label="Dernière mise à jour de la carte"
          width={W}
          value={last.kind === 'date' ? frenchDate(last.iso) : `${NOT_PUBLISHED} (EF_ACTUA, contenu ci-dessous)`}
        />
      )}
      {unread !== undefined && <Note indent={0}>{unread}</Note>}
      {last?.kind === 'raw' && <UndecodedObjectView label="EF_ACTUA" title="Dernière mise à jour" view={last.content} />}
      {report?.undecoded.map((u) => (
        <UndecodedObjectView key={u.label} label={u.label} view={u.content} />
      ))}
      {report?.identity.supported ? <WarningList warnings={infoTabWarnings(report, now)} /> : null}
    </Box>
  );
}
