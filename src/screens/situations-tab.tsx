// "Situation d'exercice": the practice situations need the PIN. Before asking, say what a wrong
// PIN costs; when the PIN is blocked, say plainly that the card must be unblocked first.
// Each situation shows the fields its layout gave, says once which ones this card does not give,
// keeps the tags its layout does not name, and one in an unknown layout is shown as it is.

import { Box, Text } from 'ink';
import type { Coded, PracticeSituation, Readable } from '../card/cps/report.js';
import { SITUATIONS_COST, SITUATIONS_PIN_BLOCKED, tries } from '../machine/messages.js';
import { coded, notReadOnCard, readable, text } from '../view/format.js';
import { GenericContent, Note, UndecodedObjectView } from './generic-view.js';
import { Field } from './layout.js';
import { NoticeView } from './notice.js';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';

const W = 28;

/** The rows of a situation, in the seed's order: label, value when read. */
function rows(s: PracticeSituation): { label: string; name: string; value: Readable<unknown>; show: () => string }[] {
  // The EE layout's sector is an RPPS R02 code ("SA07"): shown with its label, code beside it.
  const sector = (c: Coded) => (s.layout === 'EE' && c.label !== undefined ? `${c.label} (${c.code})` : coded(c));
  const row = (label: string, value: Readable<unknown>, show: () => string) => ({ label, name: inSentence(label), value, show });
  return [
    row(t('situation.mode'), s.mode, () => readable(s.mode, coded)),
    row(t('situation.sector'), s.sector, () => readable(s.sector, sector)),
    row(t('situation.company'), s.companyName, () => text(s.companyName)),
    row(t('situation.structureId'), s.structureId, () =>
      s.structureIdType.ok ? `${text(s.structureId)} (${coded(s.structureIdType.value)})` : text(s.structureId),
    ),
    row(t('situation.billing'), s.billingNumber, () => text(s.billingNumber)),
    row(t('situation.convention'), s.convention, () => readable(s.convention, coded)),
    row(t('situation.speciality'), s.speciality, () => readable(s.speciality, coded)),
    row(t('situation.tariffZone'), s.tariffZone, () => readable(s.tariffZone, coded)),
    row(t('situation.ikZone'), s.ikZone, () => readable(s.ikZone, coded)),
  ];
}

/** A label inside a sentence: "Zone tarifaire" → "zone tarifaire"; "Zone IK", "N° PS" keep theirs. */
function inSentence(label: string): string {
  const second = label.charAt(1);
  return second === second.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function Situation({ s }: { s: PracticeSituation }) {
  if (s.layout === null && s.content !== undefined) {
    return <UndecodedObjectView label={s.label} title={t('situation.title', { n: s.number })} view={s.content} />;
  }
  const all = rows(s);
  const read = all.filter((r) => r.value.ok);
  const missing = all.filter((r) => !r.value.ok).map((r) => r.name);
  return (
    <Box flexDirection="column">
      <Text bold>{t('situation.title', { n: s.number })}</Text>
      {read.map((r) => (
        <Field key={r.label} label={`  ${r.label}`} width={W} value={r.show()} />
      ))}
      {s.otherFields.length > 0 && <Note>{t('situation.otherFields')}</Note>}
      {s.otherFields.length > 0 && <GenericContent view={{ size: 0, nodes: s.otherFields }} />}
      {missing.length > 0 && <Note>{t('situation.missing', { notRead: capitalise(notReadOnCard()), fields: missing.join(', ') })}</Note>}
    </Box>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function SituationsList({ situations }: { situations: readonly Readable<PracticeSituation>[] }) {
  const theme = useTheme();
  if (situations.length === 0) return <Text>{t('situation.none')}</Text>;
  return (
    <Box flexDirection="column">
      {situations.map((s, i) =>
        s.ok ? (
          <Situation key={i} s={s.value} />
        ) : (
          <Text key={i} color={theme.warning}>
            {t('situation.failed', { n: i + 1, reason: s.reason })}
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
      {pinTriesLeft !== null && <Text>{t('situation.triesLeft', { tries: tries(pinTriesLeft) })}</Text>}
      {canAsk && (
        <Text>
          {'  '}
          <Text bold color={theme.key}>
            {t('keyname.Entrée')}
          </Text>{' '}
          {t('situation.enterToAsk')}
        </Text>
      )}
    </Box>
  );
}
