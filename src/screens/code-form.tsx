// A code form (unblock, change, PIN for the situations). Digits are masked; the button is greyed
// and says why (submitBlocker, src/machine/selectors.ts: the one reason the tests read) while the
// machine would refuse SUBMIT, and is enabled exactly when it would take it. What the form says
// is the view's (src/view/present.ts, formModel); this lays it out.

import { Box, Text } from 'ink';
import type { FormState } from '../machine/context.js';
import { t } from '../i18n/index.js';
import { Hanging, toneColour } from './layout.js';
import { NOTICE_COLOUR } from './notice.js';
import { useTheme } from './theme.js';
import type { KeypadHelp } from '../machine/selectors.js';
import { formModel, type OperationModel } from '../view/present.js';

const W = 39;

type FormModel = Extract<OperationModel, { kind: 'form' }>;

/** "••••____": typed digits as dots, the rest as blanks to fill; never the digits themselves. */
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
  const model = formModel(form, {
    sending,
    canSubmit,
    ...(blocker !== undefined ? { blocker } : {}),
    ...(keypad !== undefined ? { keypad } : {}),
    ...(hint !== undefined ? { keyHint: hint } : {}),
  });
  return <CodeFormView model={model} />;
}

/** The form's fields, its button, the keypad's panel, the last key's hint and the form's error. */
export function CodeFormView({ model }: { model: FormModel }) {
  const theme = useTheme();
  const { button, sending } = { button: model.button, sending: model.button.sending };
  const onButton = button.focused;
  return (
    <Box flexDirection="column">
      {model.fields.map((f) => {
        if (f.onKeypad) {
          return (
            <Box key={f.label}>
              <Box width={W} flexShrink={0}>
                <Text>
                  {'  '}
                  {f.label}:
                </Text>
              </Box>
              <Text color={theme.focus}>{t('form.keypad.field')}</Text>
            </Box>
          );
        }
        return (
          <Box key={f.label}>
            <Box width={W} flexShrink={0}>
              <Text bold={f.focused} color={f.focused ? theme.focus : undefined}>
                {f.focused ? '▶ ' : '  '}
                {f.label}:
              </Text>
            </Box>
            <Text bold={f.focused} inverse={f.focused}>
              {' '}
              {masked(f.typed, f.max)}{' '}
            </Text>
            <Text color={theme.muted}>{` ${f.count}`}</Text>
          </Box>
        );
      })}
      <Box marginTop={0}>
        {sending ? (
          // Where the form is, from the key press on (issue 17): the button gives way to the sending line.
          <Text bold color={theme.warning}>
            {`  [ ${button.label} ] ${t('form.sending')}`}
          </Text>
        ) : button.enabled ? (
          <Text bold={onButton} inverse={onButton} color={onButton ? theme.focus : undefined}>
            {onButton ? `▶ [ ${button.label} ] ◀` : `  [ ${button.label} ]`}
          </Text>
        ) : (
          <Text dimColor color={theme.muted}>
            {onButton ? '▶ ' : '  '}[ {button.label} ] {t('form.inactive', { why: button.blocker ?? t('form.blocker.unavailable') })}
          </Text>
        )}
        {!sending && button.enabled && onButton && <Text>{t('form.enterSends')}</Text>}
      </Box>
      {model.keypad !== undefined && <KeypadPanel model={model} keyboardChosen={model.keypad.keyboardChosen} />}
      {model.keyHint !== undefined && (
        <Hanging prefix="⚠ " color={theme.warning}>
          {model.keyHint}
        </Hanging>
      )}
      {model.error !== undefined && (
        <Hanging prefix={model.error.tone === 'error' ? '✖ ' : '⚠ '} bold color={toneColour(theme, NOTICE_COLOUR[model.error.tone])}>
          {model.error.text}
          {model.error.remedy !== undefined ? ` ${model.error.remedy}` : ''}
        </Hanging>
      )}
    </Box>
  );
}

/** Issue 20: which code to type on the reader, its length, the reader's timeout, what cancels, and the way back to the keyboard. */
function KeypadPanel({ model, keyboardChosen }: { model: FormModel; keyboardChosen: boolean }) {
  const theme = useTheme();
  const lines = model.keypadLines;
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" marginTop={keyboardChosen ? 0 : 1}>
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
