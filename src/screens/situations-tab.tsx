// "Situation d'exercice": the practice situations need the PIN. Before asking, say what a wrong
// PIN costs; when the PIN is blocked, say plainly that the card must be unblocked first.

import { Box, Text } from 'ink';
import type { PracticeSituation, Readable } from '../card/cps/report.js';
import { SITUATIONS_COST, SITUATIONS_PIN_BLOCKED, tries } from '../machine/messages.js';
import { coded, readable, text } from './format.js';
import { Field } from './layout.js';
import { NoticeView } from './notice.js';
import { useTheme } from './theme.js';

const W = 28;

function Situation({ s }: { s: PracticeSituation }) {
  return (
    <Box flexDirection="column">
      <Text bold>Situation n° {s.number}</Text>
      <Field label="  Mode d'exercice" width={W} value={readable(s.mode, coded)} />
      <Field label="  Secteur d'activité" width={W} value={readable(s.sector, coded)} />
      <Field label="  Raison sociale" width={W} value={text(s.companyName)} />
      <Field label="  Identifiant de structure" width={W} value={`${text(s.structureId)} (${readable(s.structureIdType, coded)})`} />
      <Field label="  N° PS de facturation" width={W} value={text(s.billingNumber)} />
      <Field label="  Code conventionnel" width={W} value={readable(s.convention, coded)} />
      <Field label="  Spécialité" width={W} value={readable(s.speciality, coded)} />
      <Field label="  Zone tarifaire" width={W} value={readable(s.tariffZone, coded)} />
      <Field label="  Zone IK" width={W} value={readable(s.ikZone, coded)} />
    </Box>
  );
}

export function SituationsList({ situations }: { situations: readonly Readable<PracticeSituation>[] }) {
  const theme = useTheme();
  if (situations.length === 0) return <Text>Aucune situation d'exercice sur la carte.</Text>;
  return (
    <Box flexDirection="column">
      {situations.map((s, i) =>
        s.ok ? (
          <Situation key={i} s={s.value} />
        ) : (
          <Text key={i} color={theme.warning}>
            Situation {i + 1} illisible ({s.reason})
          </Text>
        ),
      )}
    </Box>
  );
}

/** Shown on the tab before the PIN is asked for. */
export function SituationsPrompt({ pinBlocked, pinTriesLeft, canAsk }: { pinBlocked: boolean; pinTriesLeft: number | null; canAsk: boolean }) {
  const theme = useTheme();
  if (pinBlocked) return <NoticeView notice={SITUATIONS_PIN_BLOCKED} />;
  return (
    <Box flexDirection="column">
      <NoticeView notice={SITUATIONS_COST} />
      {pinTriesLeft !== null && <Text>{`  Il vous reste ${tries(pinTriesLeft)} sur le code porteur.`}</Text>}
      {canAsk && (
        <Text>
          {'  '}
          <Text bold color={theme.key}>Entrée</Text> : saisir le code porteur pour lire les situations.
        </Text>
      )}
    </Box>
  );
}
