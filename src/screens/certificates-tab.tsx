// "Information sur les certificats": use, holder, issuer, serial, validity and state of each.

import { Box, Text } from 'ink';
import type { CertificateInfo, Readable } from '../card/cps/report.js';
import { frenchDateOf, validityState } from '../view/format.js';
import { Field, toneColour } from './layout.js';
import { useTheme } from './theme.js';
import { WarningList, certificateTabWarnings } from './warning-list.js';
import type { CardReport } from '../card/cps/report.js';
import { t, tr, type Key } from '../i18n/index.js';

const W = 20;

const USE: Record<CertificateInfo['use'], Key> = {
  signature: 'cert.signature',
  authentification: 'cert.authentification',
  inconnu: 'cert.inconnu',
};

function Certificate({ cert, now }: { cert: CertificateInfo; now: Date }) {
  const theme = useTheme();
  const state = validityState(cert.notBefore, cert.notAfter, now);
  return (
    <Box flexDirection="column">
      <Text bold>{tr(USE[cert.use])}</Text>
      <Field label={`  ${t('field.certHolder')}`} width={W} value={cert.holder} />
      <Field label={`  ${t('field.certIssuer')}`} width={W} value={cert.issuer} />
      <Field label={`  ${t('field.serial')}`} width={W} value={cert.serial} />
      <Field
        label={`  ${t('field.certValidity')}`}
        width={W}
        value={t('value.validity', { from: frenchDateOf(cert.notBefore), to: frenchDateOf(cert.notAfter) })}
      />
      <Box>
        <Box width={W} flexShrink={0}>
          <Text>{`  ${t('field.certState')}`}</Text>
        </Box>
        <Text bold color={toneColour(theme, state.tone)}>
          {state.text}
        </Text>
      </Box>
    </Box>
  );
}

export function CertificatesTab({
  certificates,
  now,
  report,
}: {
  certificates: readonly Readable<CertificateInfo>[];
  now: Date;
  report?: CardReport;
}) {
  const theme = useTheme();
  if (certificates.length === 0) return <Text>{t('cert.none')}</Text>;
  return (
    <Box flexDirection="column">
      {certificates.map((c, i) =>
        c.ok ? (
          <Certificate key={i} cert={c.value} now={now} />
        ) : (
          <Text key={i} color={theme.warning}>
            Certificat {i + 1} : {c.reason}
          </Text>
        ),
      )}
      {report ? <WarningList warnings={certificateTabWarnings(report, now)} /> : null}
    </Box>
  );
}
