// The whole scrolling body, in the seed's order: the state in words, "Sélection du lecteur",
// "Identification du porteur", "Gestion code porteur", "Contenu de la carte".

import { Box, Text } from 'ink';
import type { Operation } from '../machine/context.js';
import { codeState } from '../machine/guards.js';
import { CERTIFICATES_COMING } from '../machine/messages.js';
import { CardInfoTab } from './card-info-tab.js';
import { CertificatesTab } from './certificates-tab.js';
import { CodeForm } from './code-form.js';
import { ConfirmLastTry } from './confirm-last-try.js';
import { HolderSection } from './holder-section.js';
import { Section } from './layout.js';
import { NoticeView } from './notice.js';
import { PinActions } from './pin-actions.js';
import { ReaderList } from './reader-list.js';
import { ReaderSection } from './reader-section.js';
import { SituationsList, SituationsPrompt } from './situations-tab.js';
import { StatusPanel } from './status-panel.js';
import { statusOf } from './status.js';
import { TabBar } from './tabs.js';
import { useTheme } from './theme.js';
import type { AuditView, ScreenEnv } from './view.js';

const OPERATIONS: readonly Operation[] = ['unblock', 'change', 'situations'];

/** What to type, as the seed's guide says it, above each form. */
const FORM_HINT: Readonly<Record<Operation, string>> = {
  unblock:
    'Saisissez les 8 chiffres du code de déblocage (courrier reçu avec la carte), puis deux fois le nouveau code porteur (4 chiffres).',
  change: 'Saisissez votre code porteur actuel, puis deux fois le nouveau code porteur (4 chiffres).',
  situations: "Pour lire les situations d'exercice, saisissez votre code porteur (4 chiffres).",
};

/** The operation whose form (or confirmation, or final message) is open, if any. */
export function openOperation(v: AuditView): Operation | undefined {
  return OPERATIONS.find((op) => v.matches({ card: { view: op } }));
}

function OperationBody({ view, op }: { view: AuditView; op: Operation }) {
  const theme = useTheme();
  const c = view.context;
  const step = (s: string) => view.matches({ card: { view: { [op]: s } } });
  if (step('confirmLastTry'))
    return <ConfirmLastTry operation={op} triesLeft={c.form?.lastTry === undefined ? 1 : c.form.lastTry.triesLeft} />;
  if (step('final')) {
    return (
      <Box flexDirection="column">
        {c.outcome !== undefined && <NoticeView notice={c.outcome} />}
        <Text>
          <Text bold color={theme.key}>
            Entrée
          </Text>{' '}
          ou{' '}
          <Text bold color={theme.key}>
            Échap
          </Text>{' '}
          : fermer ce message
        </Text>
      </Box>
    );
  }
  if (c.form === undefined) return null;
  return (
    <Box flexDirection="column">
      <Text>{FORM_HINT[op]}</Text>
      <CodeForm form={c.form} canSubmit={view.can({ type: 'SUBMIT' })} sending={step('sending')} checking={step('checking')} />
    </Box>
  );
}

function TabBody({ view, env }: { view: AuditView; env: ScreenEnv }) {
  const c = view.context;
  const report = c.report;
  switch (c.tab) {
    case 'info':
      return <CardInfoTab now={env.now} {...(report !== undefined ? { report } : {})} />;
    case 'situations':
      if (c.situations !== undefined) return <SituationsList situations={c.situations} />;
      if (report === undefined) return null;
      return (
        <SituationsPrompt
          pinBlocked={codeState(report) === 'pinBlocked' || codeState(report) === 'pukUnusable'}
          pinTriesLeft={report.pin.triesLeft}
          canAsk={view.can({ type: 'ASK_SITUATIONS' })}
        />
      );
    case 'certificates':
      if (c.rest !== undefined) return <Text>{`  ${CERTIFICATES_COMING}`}</Text>;
      return report === undefined ? null : <CertificatesTab certificates={report.certificates} now={env.now} report={report} />;
  }
}

export function CardContent({ view, env }: { view: AuditView; env: ScreenEnv }) {
  const op = openOperation(view);
  return (
    <Section title="Contenu de la carte">
      <TabBar active={op === undefined ? view.context.tab : op === 'situations' ? 'situations' : undefined} />
      {op !== undefined ? <OperationBody view={view} op={op} /> : <TabBody view={view} env={env} />}
    </Section>
  );
}

export function AuditScreen({ view, env }: { view: AuditView; env: ScreenEnv }) {
  const c = view.context;
  const status = statusOf(view);
  // Values from the card are shown only while they describe the card in the reader.
  const showReport = view.matches('card') || view.matches('done') || view.matches('cardUnrecognised');
  const report = showReport ? c.report : undefined;
  const readerCount = c.readers.length;
  return (
    <Box flexDirection="column">
      <StatusPanel status={status} />
      {view.matches('card') && c.notice !== undefined && <NoticeView notice={c.notice} />}
      {view.matches('done') && (
        <Text bold>{view.matches({ done: 'waitRemoval' }) ? '  Retirez la carte du lecteur…' : '  Réinsérez la carte…'}</Text>
      )}
      <ReaderSection
        readerCount={readerCount}
        cardCount={c.readers.filter((r) => r.atr !== undefined).length}
        {...(c.selected !== undefined ? { reader: c.selected } : {})}
        {...(report !== undefined ? { report } : {})}
      />
      {view.matches('choosingReader') && <ReaderList readers={c.readers} {...(c.selected !== undefined ? { selected: c.selected } : {})} />}
      <HolderSection {...(report !== undefined && report.identity.supported ? { report } : {})} />
      <PinActions view={view} />
      {view.matches('card') ? (
        <CardContent view={view} env={env} />
      ) : view.matches('done') ? (
        <Section title="Contenu de la carte">
          <Text>{"  L'état des codes sera relu quand la carte sera réinsérée."}</Text>
        </Section>
      ) : (
        <Section title="Contenu de la carte">
          <TabBar active={c.tab} />
          <CardInfoTab now={env.now} {...(report !== undefined && report.identity.supported ? { report } : {})} />
        </Section>
      )}
    </Box>
  );
}
