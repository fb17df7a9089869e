// "Information sur les certificats": use, holder, issuer, serial, validity and state of each.

import { Box, Text } from 'ink';
import type { CertificateInfo, Readable } from '../card/cps/report.js';
import { frenchDateOf, validityState } from './format.js';
import { Field, toneColour } from './layout.js';
import { useTheme } from './theme.js';
import { WarningList, certificateTabWarnings } from './warning-list.js';
import type { CardReport } from '../card/cps/report.js';

const W = 20;

const USE: Record<CertificateInfo['use'], string> = {
  signature: 'Certificat de signature',
  authentification: "Certificat d'authentification",
  inconnu: 'Certificat (usage inconnu)',
};

function Certificate({ cert, now }: { cert: CertificateInfo; now: Date }) {
  const theme = useTheme();
  const state = validityState(cert.notBefore, cert.notAfter, now);
  return (
    <Box flexDirection="column">
      <Text bold>{USE[cert.use]}</Text>
      <Field label="  Titulaire" width={W} value={cert.holder} />
      <Field label="  Émetteur" width={W} value={cert.issuer} />
      <Field label="  Numéro de série" width={W} value={cert.serial} />
      <Field label="  Validité" width={W} value={`du ${frenchDateOf(cert.notBefore)} au ${frenchDateOf(cert.notAfter)}`} />
      <Box>
        <Box width={W} flexShrink={0}>
          <Text>{'  État'}</Text>
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
  if (certificates.length === 0) return <Text>Aucun certificat trouvé sur la carte.</Text>;
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
