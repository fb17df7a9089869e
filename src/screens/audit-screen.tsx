// The whole scrolling body, in the seed's order: the state in words, "Sélection du lecteur",
// "Identification du porteur", "Gestion code porteur", "Contenu de la carte".

import { Box, Text } from 'ink';
import type { Operation } from '../machine/context.js';
import { inStep, keypadHelp, noticeShown, openOperation, readerStatusLine, submitBlocker, type FormStep } from '../machine/selectors.js';
import { t } from '../i18n/index.js';
import { codeState } from '../machine/guards.js';
import { formHint } from '../machine/forms.js';
import { CardInfoTab } from './card-info-tab.js';
import { CertificatesTab } from './certificates-tab.js';
import { CodeForm } from './code-form.js';
import { CardTestView } from './card-test-view.js';
import { ConfirmLastTry } from './confirm-last-try.js';
import { HolderSection } from './holder-section.js';
import { Hanging, Section } from './layout.js';
import { CloseMessageHint, NoticeView } from './notice.js';
import { PinActions } from './pin-actions.js';
import { ReaderList } from './reader-list.js';
import { ReaderSection } from './reader-section.js';
import { SituationsList, SituationsPrompt } from './situations-tab.js';
import { StatusPanel } from './status-panel.js';
import { statusOf } from './status.js';
import { TabBar } from './tabs.js';
import { useTheme } from './theme.js';
import type { AuditView, ScreenEnv } from './view.js';

function blockerProp(blocker: string | undefined): { blocker?: string } {
  return blocker !== undefined ? { blocker } : {};
}

function OperationBody({ view, op, keyHint }: { view: AuditView; op: Operation; keyHint?: string | undefined }) {
  const theme = useTheme();
  const c = view.context;
  const step = (s: FormStep) => inStep(view, op, s);
  if (step('confirmLastTry'))
    return <ConfirmLastTry operation={op} triesLeft={c.form?.lastTry === undefined ? 1 : c.form.lastTry.triesLeft} />;
  // Issue 21: the card test's checks, until Esc.
  if (op === 'test' && step('final')) {
    return (
      <Box flexDirection="column">
        {c.cardTest !== undefined && <CardTestView result={c.cardTest} />}
        <Text>
          <Text bold color={theme.key}>
            {t('keyname.Échap')}
          </Text>{' '}
          {t('cardTest.tui.close')}
        </Text>
      </Box>
    );
  }
  if (op === 'test' && (step('sending') || (step('checking') && c.form?.fields.every((f) => f.length === 0))))
    return <Text>{t(step('sending') ? 'cardTest.tui.running' : 'cardTest.tui.checking')}</Text>;
  if (step('final')) {
    return (
      <Box flexDirection="column">
        {c.outcome !== undefined && <NoticeView notice={c.outcome} />}
        <CloseMessageHint />
      </Box>
    );
  }
  if (c.form === undefined) return null;
  return (
    <Box flexDirection="column">
      <Text>{formHint(c.form)}</Text>
      {op === 'unblock' && <Text color={theme.muted}>{t('screen.lostLetter')}</Text>}
      <CodeForm
        form={c.form}
        canSubmit={view.can({ type: 'SUBMIT' })}
        // An Enter kept while the counters are read is a send already asked for: said at once.
        sending={step('sending') || c.form.submitPending === true}
        {...blockerProp(submitBlocker(view))}
        {...(keyHint !== undefined ? { hint: keyHint } : {})}
        {...optionalKeypad(keypadHelp(c))}
      />
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
      if (c.rest !== undefined) return <Hanging prefix="  ">{t('msg.certificatesComing')}</Hanging>;
      return report === undefined ? null : <CertificatesTab certificates={report.certificates} now={env.now} report={report} />;
  }
}

export function CardContent({ view, env }: { view: AuditView; env: ScreenEnv }) {
  const op = openOperation(view);
  return (
    <Section title={t('section.content')}>
      <TabBar active={op === undefined ? view.context.tab : op === 'situations' ? 'situations' : undefined} />
      {op !== undefined ? <OperationBody view={view} op={op} keyHint={env.keyHint} /> : <TabBody view={view} env={env} />}
    </Section>
  );
}

export function AuditScreen({ view, env }: { view: AuditView; env: ScreenEnv }) {
  const c = view.context;
  const status = statusOf(view);
  // Values from the card are shown only while they describe the card in the reader: once it is
  // taken out (success, then removal; or a removal at any time), the reader section says so.
  const showReport = view.matches('card') || view.matches({ done: 'waitRemoval' }) || view.matches('cardUnrecognised');
  const report = showReport ? c.report : undefined;
  const removed =
    view.matches({ done: 'waitReinsert' }) || view.matches('interrupted') || (view.matches('noCard') && c.selected !== undefined);
  return (
    <Box flexDirection="column">
      <StatusPanel status={status} />
      {noticeShown(view) && c.notice !== undefined && <NoticeView notice={c.notice} />}
      {view.matches('done') && (
        <Text bold>{view.matches({ done: 'waitRemoval' }) ? t('screen.removeCard') : t('screen.reinsertCard')}</Text>
      )}
      <ReaderSection
        line={readerStatusLine(c)}
        removed={removed}
        {...(c.selected !== undefined ? { reader: c.selected } : {})}
        {...(report !== undefined ? { report } : {})}
      />
      {view.matches('choosingReader') && (
        <ReaderList
          readers={c.readers}
          {...(c.selected !== undefined ? { selected: c.selected } : {})}
          {...(report?.readerFeatures?.verifyPinDirect !== undefined ? { keypadReader: report.reader } : {})}
        />
      )}
      <HolderSection {...(report !== undefined && report.identity.supported ? { report } : {})} />
      <PinActions view={view} lastRun={env.lastRun} />
      {view.matches('card') ? (
        <CardContent view={view} env={env} />
      ) : view.matches('done') ? (
        <Section title={t('section.content')}>
          <Text>{t('screen.rereadOnReinsert')}</Text>
        </Section>
      ) : (
        <Section title={t('section.content')}>
          <TabBar active={c.tab} />
          <CardInfoTab now={env.now} {...(report !== undefined && report.identity.supported ? { report } : {})} />
        </Section>
      )}
    </Box>
  );
}

/** Issue 20: the keypad prop only where the reader has one. */
function optionalKeypad(keypad: ReturnType<typeof keypadHelp>) {
  return keypad !== undefined ? { keypad } : {};
}
