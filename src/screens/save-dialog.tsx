// The save dialog (key s on the card screen): the path of the report file, typed in a field that
// edits as a shell's line does (src/app/tui/line-edit.ts: the keys are handled by the app's one key
// handler; this only draws the line and its cursor), then the answer: saved, an error, or "the
// file exists: replace it?". Its state lives in the app (src/app/tui/key-handler.ts), not the machine.

import { Box, Text } from 'ink';
import { Hanging, Section } from './layout.js';
import { useTheme } from './theme.js';
import { t } from '../i18n/index.js';

export interface SaveDialogProps {
  /** bundle (key b, issue 22): the file for the support ticket. */
  readonly kind?: 'bundle';
  readonly step: 'edit' | 'confirm' | 'done';
  /** The file name and its cursor (characters before it). */
  readonly line: { readonly text: string; readonly cursor: number };
  /** The folder a relative path is taken from. */
  readonly cwd: string;
  readonly error?: string;
  /** step confirm: the files already there. */
  readonly existing?: readonly string[];
  /** step done: where the report went. */
  readonly saved?: { readonly text: string; readonly json: string };
}

/** The field's text with its cursor shown (inverse) while it is edited. */
function Field({ line, editing }: { line: SaveDialogProps['line']; editing: boolean }) {
  const chars = [...line.text];
  if (!editing) return <Text>{line.text}</Text>;
  const at = Math.max(0, Math.min(line.cursor, chars.length));
  return (
    <Text>
      {chars.slice(0, at).join('')}
      <Text inverse>{chars[at] ?? ' '}</Text>
      {chars.slice(at + 1).join('')}
    </Text>
  );
}

export function SaveDialog({ kind, step, line, cwd, error, existing, saved }: SaveDialogProps) {
  const theme = useTheme();
  const bundle = kind === 'bundle';
  return (
    <Section title={bundle ? t('section.i22.bundle') : t('section.save')}>
      <Text>{bundle ? t('save.i22.bundleExplain') : t('save.explain')}</Text>
      <Text>{t('save.cwd', { cwd })}</Text>
      <Box>
        <Text bold>{t('save.file')}</Text>
        <Field line={line} editing={step === 'edit'} />
      </Box>
      {error !== undefined && (
        <Hanging prefix="✖ " bold color={theme.danger}>
          {error}
        </Hanging>
      )}
      {step === 'confirm' && existing !== undefined && (
        <Box flexDirection="column">
          <Text bold color={theme.warning}>
            {t('save.exists', { files: existing.join(', ') })}
          </Text>
          <Text>
            {t('save.replace')}{' '}
            <Text bold color={theme.key}>
              o
            </Text>{' '}
            {t('save.yes')}{' '}
            <Text bold color={theme.key}>
              n
            </Text>{' '}
            {t('screen.or')}{' '}
            <Text bold color={theme.key}>
              {t('keyname.Échap')}
            </Text>{' '}
            {t('save.no')}
          </Text>
        </Box>
      )}
      {step === 'done' && saved !== undefined && (
        <Box flexDirection="column">
          <Text bold color={theme.ok}>
            {bundle ? t('save.i22.bundleSaved', { file: saved.text }) : t('save.saved', { file: saved.text })}
          </Text>
          <Text>{t('save.andJson', { file: saved.json })}</Text>
        </Box>
      )}
      {step === 'edit' && <Text>{t('save.editKeys')}</Text>}
    </Section>
  );
}
