// Issue 20: what a code form says of the reader's keypad, line by line: for the form's panel
// (code-form.tsx) and the accessible mode (src/app/accessible.ts), without Ink.

import { KEYPAD_TIMEOUT_S } from '../card/cps/ours.js';
import { t, tr, type Key } from '../i18n/index.js';
import type { FormState } from '../machine/context.js';
import type { KeypadHelp } from '../machine/selectors.js';

/** Issue 20: what the form says of the reader's keypad, line by line (the panel and the accessible mode). */
export function keypadLines(
  kind: FormState['kind'],
  keypad: KeypadHelp,
  sending: boolean,
): { readonly text: string; readonly kind: 'intro' | 'detail' | 'waiting' | 'hint' }[] {
  if (keypad.keyboardChosen) return [{ text: t('form.keypad.keyboardChosen'), kind: 'hint' }];
  const order = kind === 'situations' ? ['pin'] : kind === 'unblock' ? ['puk', 'newPin'] : ['currentPin', 'newPin'];
  const codes = order.filter((name) => keypad.onKeypad.has(name));
  if (codes.length === 0) return [];
  const CODE_WORDS: Record<string, Key> = {
    pin: 'form.keypad.code.pin',
    puk: 'form.keypad.code.puk',
    currentPin: 'form.keypad.code.currentPin',
    newPin: 'form.keypad.code.newPin',
  };
  const what = (name: string) => tr(CODE_WORDS[name] ?? 'form.keypad.code.pin');
  const length = (name: string) => {
    const l = keypad.lengths?.[name === 'puk' ? 'puk' : 'pin'];
    if (l === undefined) return what(name);
    return l.min === l.max
      ? t('form.keypad.lengthExact', { what: what(name), n: l.min })
      : t('form.keypad.length', { what: what(name), min: l.min, max: l.max });
  };
  const list = codes.map(what).join(t('form.keypad.and'));
  return [
    {
      text: codes.length === 1 ? t('form.keypad.intro.one', { codes: list }) : t('form.keypad.intro.many', { codes: list }),
      kind: 'intro',
    },
    { text: t('form.keypad.step', { steps: codes.map(length).join(t('form.keypad.and')) }), kind: 'detail' },
    { text: t('form.keypad.timeout', { s: KEYPAD_TIMEOUT_S }), kind: 'detail' },
    ...(keypad.newPinOnKeyboard ? [{ text: t('form.keypad.newPinOnKeyboard'), kind: 'detail' as const }] : []),
    sending ? { text: t('form.keypad.waiting'), kind: 'waiting' as const } : { text: t('form.keypad.keyboard'), kind: 'hint' as const },
  ];
}
