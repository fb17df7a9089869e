// The whole scrolling body, in the seed's order: the state in words, "Sélection du lecteur",
// "Identification du porteur", "Gestion code porteur", "Contenu de la carte". Everything shown is
// the presentation model's (src/view/present.ts, the same the accessible mode prints); this lays
// it out, with its colours.

import { Box, Text } from 'ink';
import { t } from '../i18n/index.js';
import type { OperationModel, Presentation, SectionModel } from '../view/present.js';
import { CodeFormView } from './code-form.js';
import { CardTestView } from './card-test-view.js';
import { ConfirmLastTry } from './confirm-last-try.js';
import { INFO_WIDTH } from './card-info-tab.js';
import { Section } from './layout.js';
import { LineList } from './line-list.js';
import { CloseMessageHint, NoticeView } from './notice.js';
import { ReaderSectionView } from './reader-section.js';
import { StatusPanel } from './status-panel.js';
import { TabBar } from './tabs.js';
import { useTheme } from './theme.js';

/** The label column of each section's rows. */
const WIDTH = { holder: 21, pin: 21 } as const;

function OperationBody({ op }: { op: OperationModel }) {
  const theme = useTheme();
  switch (op.kind) {
    case 'confirm':
      return <ConfirmLastTry title={op.title} warning={op.warning} />;
    case 'testResult':
      // Issue 21: the card test's checks, until Esc.
      return (
        <Box flexDirection="column">
          {op.result !== undefined && <CardTestView result={op.result} />}
          <Text>
            <Text bold color={theme.key}>
              {t('keyname.Échap')}
            </Text>{' '}
            {t('cardTest.tui.close')}
          </Text>
        </Box>
      );
    case 'testRunning':
      return <Text>{op.text}</Text>;
    case 'outcome':
      return (
        <Box flexDirection="column">
          {op.notice !== undefined && <NoticeView notice={op.notice} />}
          <CloseMessageHint />
        </Box>
      );
    case 'form':
      return (
        <Box flexDirection="column">
          <Text>{op.hint}</Text>
          {op.lostLetter !== undefined && <Text color={theme.muted}>{op.lostLetter}</Text>}
          <CodeFormView model={op} />
        </Box>
      );
  }
}

export function CardContent({ content }: { content: Presentation['content'] }) {
  return (
    <Section title={content.title}>
      {content.tabs !== undefined && <TabBar tabs={content.tabs} />}
      {content.operation !== undefined ? (
        <OperationBody op={content.operation} />
      ) : (
        <LineList
          lines={content.lines}
          width={
            content.tabs?.find((x) => x.active)?.tab === 'certificates'
              ? 20
              : content.tabs?.find((x) => x.active)?.tab === 'situations'
                ? 28
                : INFO_WIDTH
          }
        />
      )}
    </Section>
  );
}

function SectionView({ section }: { section: SectionModel }) {
  return (
    <Section title={section.title}>
      <LineList lines={section.lines} width={section.id === 'holder' ? WIDTH.holder : WIDTH.pin} />
    </Section>
  );
}

export function AuditScreen({ p }: { p: Presentation }) {
  return (
    <Box flexDirection="column">
      <StatusPanel status={p.status} />
      {p.notice !== undefined && <NoticeView notice={p.notice} />}
      {p.doneLine !== undefined && <Text bold>{p.doneLine}</Text>}
      <ReaderSectionView section={p.reader} />
      {p.readerChoice !== undefined && <LineList lines={p.readerChoice} width={0} />}
      <SectionView section={p.holder} />
      <SectionView section={p.pin} />
      <CardContent content={p.content} />
    </Box>
  );
}
