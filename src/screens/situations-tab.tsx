// "Situation d'exercice": the practice situations need the PIN. Before asking, say what a wrong
// PIN costs; when the PIN is blocked, say plainly that the card must be unblocked first.
// Each situation shows the fields its layout gave, says once which ones this card does not give,
// keeps the tags its layout does not name, and one in an unknown layout is shown as it is.

import { Box, Text } from 'ink';
import type { Coded, PracticeSituation, Readable } from '../card/cps/report.js';
import { SITUATIONS_COST, SITUATIONS_PIN_BLOCKED, tries } from '../machine/messages.js';
import { coded, NOT_READ_ON_CARD, readable, text } from './format.js';
import { GenericContent, Note, UndecodedObjectView } from './generic-view.js';
import { Field } from './layout.js';
import { NoticeView } from './notice.js';
import { useTheme } from './theme.js';

const W = 28;

/** The rows of a situation, in the seed's order: label, value when read. */
function rows(s: PracticeSituation): { label: string; name: string; value: Readable<unknown>; show: () => string }[] {
  // The EE layout's sector is an RPPS R02 code ("SA07"): shown with its label, code beside it.
  const sector = (c: Coded) => (s.layout === 'EE' && c.label !== undefined ? `${c.label} (${c.code})` : coded(c));
  return [
    { label: "Mode d'exercice", name: "mode d'exercice", value: s.mode, show: () => readable(s.mode, coded) },
    { label: "Secteur d'activité", name: "secteur d'activité", value: s.sector, show: () => readable(s.sector, sector) },
    { label: 'Raison sociale', name: 'raison sociale', value: s.companyName, show: () => text(s.companyName) },
    {
      label: 'Identifiant de structure',
      name: 'identifiant de structure',
      value: s.structureId,
      show: () => (s.structureIdType.ok ? `${text(s.structureId)} (${coded(s.structureIdType.value)})` : text(s.structureId)),
    },
    { label: 'N° PS de facturation', name: 'N° PS de facturation', value: s.billingNumber, show: () => text(s.billingNumber) },
    { label: 'Code conventionnel', name: 'code conventionnel', value: s.convention, show: () => readable(s.convention, coded) },
    { label: 'Spécialité', name: 'spécialité', value: s.speciality, show: () => readable(s.speciality, coded) },
    { label: 'Zone tarifaire', name: 'zone tarifaire', value: s.tariffZone, show: () => readable(s.tariffZone, coded) },
    { label: 'Zone IK', name: 'zone IK', value: s.ikZone, show: () => readable(s.ikZone, coded) },
  ];
}

function Situation({ s }: { s: PracticeSituation }) {
  if (s.layout === null && s.content !== undefined) {
    return <UndecodedObjectView label={s.label} title={`Situation n° ${s.number}`} view={s.content} />;
  }
  const all = rows(s);
  const read = all.filter((r) => r.value.ok);
  const missing = all.filter((r) => !r.value.ok).map((r) => r.name);
  return (
    <Box flexDirection="column">
      <Text bold>Situation n° {s.number}</Text>
      {read.map((r) => (
        <Field key={r.label} label={`  ${r.label}`} width={W} value={r.show()} />
      ))}
      {s.otherFields.length > 0 && <Note>Autres données de la carte :</Note>}
      {s.otherFields.length > 0 && <GenericContent view={{ size: 0, nodes: s.otherFields }} />}
      {missing.length > 0 && <Note>{`${capitalise(NOT_READ_ON_CARD)} : ${missing.join(', ')}.`}</Note>}
    </Box>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
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
            Situation {i + 1} : {s.reason}
          </Text>
        ),
      )}
    </Box>
  );
}

/** Shown on the tab before the PIN is asked for. */
export function SituationsPrompt({
  pinBlocked,
  pinTriesLeft,
  canAsk,
}: {
  pinBlocked: boolean;
  pinTriesLeft: number | null;
  canAsk: boolean;
}) {
  const theme = useTheme();
  if (pinBlocked) return <NoticeView notice={SITUATIONS_PIN_BLOCKED} />;
  return (
    <Box flexDirection="column">
      <NoticeView notice={SITUATIONS_COST} />
      {pinTriesLeft !== null && <Text>{`  Il vous reste ${tries(pinTriesLeft)} sur le code porteur.`}</Text>}
      {canAsk && (
        <Text>
          {'  '}
          <Text bold color={theme.key}>
            Entrée
          </Text>{' '}
          : saisir le code porteur pour lire les situations.
        </Text>
      )}
    </Box>
  );
}
