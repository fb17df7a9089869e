// A code form (unblock, change, PIN for the situations). Digits are masked; the button is greyed
// and says why (submitBlocker, src/machine/selectors.ts: the one reason the tests read) while the
// machine would refuse SUBMIT, and is enabled exactly when it would take it.

import { Box, Text } from 'ink';
import type { FormState, Notice } from '../machine/context.js';
import { noticeWords } from '../view/failure.js';
import { BUTTON_LABEL, FORM_FIELDS, fieldCount, fieldLength } from '../machine/forms.js';
import { t, tr } from '../i18n/index.js';
import { Hanging, toneColour } from './layout.js';
import { NOTICE_COLOUR } from './notice.js';
import { useTheme } from './theme.js';
import type { KeypadHelp } from '../machine/selectors.js';
import { keypadLines } from './keypad-lines.js';

const W = 39;

/** "••••____": typed digits as dots, the rest as blanks to fill; never the digits themselves. */
/** A form's error in one line: its sentence, then its remedy. */
function errorWords(n: Notice): string {
  const w = noticeWords(n);
  return w.remedy !== undefined ? `${w.text} ${w.remedy}` : w.text;
}

export function masked(typed: number, length: number): string {
  return '•'.repeat(typed) + '_'.repeat(Math.max(0, length - typed));
}

export function CodeForm({
  form,
  canSubmit,
  sending,
  blocker,
  hint,
  keypad,
}: {
  form: FormState;
  canSubmit: boolean;
  sending: boolean;
  /** Why the button is disabled: submitBlocker (src/machine/selectors.ts). */
  blocker?: string;
  /** The last key's hint (digits only, paste cut), one line. */
  hint?: string;
  /** Issue 20: the reader's keypad (keypadHelp, src/machine/selectors.ts). */
  keypad?: KeypadHelp;
}) {
  const theme = useTheme();
  const specs = FORM_FIELDS[form.kind];
  const onButton = form.focus >= specs.length;
  const label = tr(BUTTON_LABEL[form.kind]);
  return (
    <Box flexDirection="column">
      {specs.map((spec, i) => {
        const focused = form.focus === i && !sending;
        const typed = form.fields[i]?.length ?? 0;
        const max = fieldLength(form, i)?.max ?? typed;
        if (keypad?.onKeypad.has(spec.name)) {
          return (
            <Box key={spec.name}>
              <Box width={W} flexShrink={0}>
                <Text>
                  {'  '}
                  {tr(spec.label)}:
                </Text>
              </Box>
              <Text color={theme.focus}>{t('form.keypad.field')}</Text>
            </Box>
          );
        }
        return (
          <Box key={spec.name}>
            <Box width={W} flexShrink={0}>
              <Text bold={focused} color={focused ? theme.focus : undefined}>
                {focused ? '▶ ' : '  '}
                {tr(spec.label)}:
              </Text>
            </Box>
            <Text bold={focused} inverse={focused}>
              {' '}
              {masked(typed, max)}{' '}
            </Text>
            <Text color={theme.muted}>{` ${fieldCount(form, i)}`}</Text>
          </Box>
        );
      })}
      <Box marginTop={0}>
        {sending ? (
          // Where the form is, from the key press on (issue 17): the button gives way to the sending line.
          <Text bold color={theme.warning}>
            {`  [ ${label} ] ${t('form.sending')}`}
          </Text>
        ) : canSubmit ? (
          <Text bold={onButton} inverse={onButton} color={onButton ? theme.focus : undefined}>
            {onButton ? `▶ [ ${label} ] ◀` : `  [ ${label} ]`}
          </Text>
        ) : (
          <Text dimColor color={theme.muted}>
            {onButton ? '▶ ' : '  '}[ {label} ] {t('form.inactive', { why: blocker ?? t('form.blocker.unavailable') })}
          </Text>
        )}
        {!sending && canSubmit && onButton && <Text>{t('form.enterSends')}</Text>}
      </Box>
      {keypad !== undefined && <KeypadPanel kind={form.kind} keypad={keypad} sending={sending} />}
      {hint !== undefined && (
        <Hanging prefix="⚠ " color={theme.warning}>
          {hint}
        </Hanging>
      )}
      {form.error !== undefined && (
        <Hanging prefix={form.error.tone === 'error' ? '✖ ' : '⚠ '} bold color={toneColour(theme, NOTICE_COLOUR[form.error.tone])}>
          {errorWords(form.error)}
        </Hanging>
      )}
    </Box>
  );
}

/** Issue 20: which code to type on the reader, its length, the reader's timeout, what cancels, and the way back to the keyboard. */
function KeypadPanel({ kind, keypad, sending }: { kind: FormState['kind']; keypad: KeypadHelp; sending: boolean }) {
  const theme = useTheme();
  const lines = keypadLines(kind, keypad, sending);
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" marginTop={keypad.keyboardChosen ? 0 : 1}>
      {lines.map((l) =>
        l.kind === 'intro' ? (
          <Hanging key={l.text} prefix="⌨ " color={theme.focus}>
            {l.text}
          </Hanging>
        ) : l.kind === 'detail' ? (
          <Hanging key={l.text} prefix="  ">
            {l.text}
          </Hanging>
        ) : l.kind === 'waiting' ? (
          <Text key={l.text} bold color={theme.warning}>
            {l.text}
          </Text>
        ) : (
          <Text key={l.text} color={theme.muted}>
            {l.text}
          </Text>
        ),
      )}
    </Box>
  );
}
