// "Gestion code porteur": the action that fits the card, as the seed offers it (unblock only
// when the PIN is blocked, change otherwise; both after an unblock cut short mid-write), or why
// there is none.

import { Text } from 'ink';
import type { ReactNode } from 'react';
import { codeState } from '../machine/guards.js';
import { cardSerial } from '../machine/code-state.js';
import { unblockResumeHint } from '../machine/selectors.js';
import { Section } from './layout.js';
import { useTheme } from './theme.js';
import type { AuditView, LastRunNote } from './view.js';
import { t } from '../i18n/index.js';

export function PinActions({ view, lastRun }: { view: AuditView; lastRun?: LastRunNote | undefined }) {
  const theme = useTheme();
  const inCard = view.matches('card');
  // The last run's operation on this very card, ended without its terminal (issue 18).
  const told = inCard && lastRun !== undefined && cardSerial(view.context.report) === lastRun.serial ? lastRun.lines : [];
  let line: ReactNode = null;
  const canUnblock = view.can({ type: 'OPEN_UNBLOCK' });
  const canChange = view.can({ type: 'OPEN_CHANGE' });
  // Both only after an unblock cut short mid-write: the hint says why the unblock is still there.
  const hint = canUnblock && canChange ? unblockResumeHint(view.context) : undefined;
  if (canUnblock || canChange) {
    line = (
      <>
        {canChange && (
          <Text>
            <Text bold color={theme.key}>
              [c]
            </Text>{' '}
            {t('pin.change')}
          </Text>
        )}
        {canUnblock && (
          <Text>
            <Text bold color={theme.key}>
              [d]
            </Text>{' '}
            {t('pin.unblock')}
          </Text>
        )}
        {hint !== undefined && <Text color={theme.warning}>{hint}</Text>}
      </>
    );
  } else if (inCard && view.matches({ card: { view: 'unblock' } })) {
    line = <Text bold>{t('pin.unblock')}</Text>;
  } else if (inCard && view.matches({ card: { view: 'change' } })) {
    line = <Text bold>{t('pin.change')}</Text>;
  } else if (inCard && codeState(view.context.report) === 'pukUnusable') {
    line = <Text color={theme.danger}>{t('pin.pukUnusable', { ans: t('pin.ansNewCard') })}</Text>;
  } else if (inCard && codeState(view.context.report) === 'noPin') {
    line = <Text>{t('pin.noPin')}</Text>;
  } else if (inCard && codeState(view.context.report) === 'unknown') {
    line = <Text color={theme.warning}>{t('pin.unknown')}</Text>;
  }
  return (
    <Section title={t('section.pin')}>
      {told.map((l) => (
        <Text key={l} color={theme.warning}>
          {l}
        </Text>
      ))}
      {line}
    </Section>
  );
}
