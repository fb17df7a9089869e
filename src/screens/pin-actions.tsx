// "Gestion code porteur": the action that fits the card, as the seed offers it (unblock only
// when the PIN is blocked, change otherwise; both after an unblock cut short mid-write), or why
// there is none.

import { Text } from 'ink';
import type { ReactNode } from 'react';
import { codeState } from '../machine/guards.js';
import { unblockResumeHint } from '../machine/selectors.js';
import { Section } from './layout.js';
import { useTheme } from './theme.js';
import type { AuditView } from './view.js';

export const ANS_NEW_CARD =
  "Demandez une nouvelle carte à son émetteur, l'Agence du Numérique en Santé (ANS, anciennement ASIP Santé : esante.gouv.fr).";

export function PinActions({ view }: { view: AuditView }) {
  const theme = useTheme();
  const inCard = view.matches('card');
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
            Changer votre code porteur
          </Text>
        )}
        {canUnblock && (
          <Text>
            <Text bold color={theme.key}>
              [d]
            </Text>{' '}
            Débloquer votre code porteur
          </Text>
        )}
        {hint !== undefined && <Text color={theme.warning}>{hint}</Text>}
      </>
    );
  } else if (inCard && view.matches({ card: { view: 'unblock' } })) {
    line = <Text bold>Débloquer votre code porteur</Text>;
  } else if (inCard && view.matches({ card: { view: 'change' } })) {
    line = <Text bold>Changer votre code porteur</Text>;
  } else if (inCard && codeState(view.context.report) === 'pukUnusable') {
    line = (
      <Text color={theme.danger}>
        Code porteur verrouillé et code de déblocage hors d'usage : la carte ne peut plus être débloquée. {ANS_NEW_CARD}
      </Text>
    );
  } else if (inCard && codeState(view.context.report) === 'noPin') {
    line = <Text>Aucune action : cette interface de la carte (sans contact) n'a pas de code porteur.</Text>;
  } else if (inCard && codeState(view.context.report) === 'unknown') {
    line = <Text color={theme.warning}>État du code porteur inconnu : aucune action proposée. Retirez puis réinsérez la carte.</Text>;
  }
  return <Section title="Gestion code porteur">{line}</Section>;
}
