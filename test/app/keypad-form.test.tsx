// Issue 20: the code forms on a reader with a keypad, in French and in English: each code typed on
// the reader says so in place of its field, and the panel says which codes, their lengths (from
// the card), the reader's timeout, what cancels, and the key back to the keyboard.

import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYPAD_TIMEOUT_S } from '../../src/card/cps/ours.js';
import type { CardReport } from '../../src/card/cps/report.js';
import { setLanguage } from '../../src/i18n/index.js';
import { keypadHelp } from '../../src/machine/selectors.js';
import { submitBlocker } from '../../src/view/words.js';
import { describeView } from '../../src/app/tui/accessible.js';
import { CodeForm } from '../../src/screens/code-form.js';
import { ReaderList } from '../../src/screens/reader-list.js';
import { loaded, makeReport, openForm, type Rig } from '../support/machine-doubles.js';
import { LANG_CASES, flat, wordsIn } from '../support/words.js';

const withKeypad = (r: CardReport, modify = true): CardReport => ({
  ...r,
  readerFeatures: { verifyPinDirect: 0x42330006, ...(modify ? { modifyPinDirect: 0x42330007 } : {}) },
  keypadLengths: { pin: { min: 4, max: 8 }, puk: { min: 8, max: 8 } },
});

function frameOf(r: Rig, sending = false): string {
  const s = r.actor.getSnapshot();
  const c = s.context;
  const keypad = keypadHelp(c);
  const blocker = submitBlocker(s);
  const { lastFrame, unmount } = render(
    <CodeForm
      form={c.form!}
      canSubmit={s.can({ type: 'SUBMIT' })}
      sending={sending}
      {...(blocker !== undefined ? { blocker } : {})}
      {...(keypad !== undefined ? { keypad } : {})}
    />,
  );
  const out = flat(lastFrame() ?? '');
  unmount();
  return out;
}

afterAll(() => setLanguage('fr'));

describe.each(LANG_CASES)('forms on a reader with a keypad (%s)', (lang) => {
  const w = wordsIn(lang);
  it('unblock: the PUK and the new PIN on the reader, lengths, timeout, cancel, the keyboard key', async () => {
    setLanguage(lang);
    const r = await loaded(withKeypad(makeReport({ pin: 0 })));
    await openForm(r, 'OPEN_UNBLOCK');
    const f = frameOf(r);
    expect(f.split(w('form.keypad.field')).length - 1).toBe(3);
    expect(f).toContain(w('form.keypad.lengthExact', { what: w('form.keypad.code.puk'), n: 8 }));
    expect(f).toContain(w('form.keypad.length', { what: w('form.keypad.code.newPin'), min: 4, max: 8 }));
    expect(f).toContain(w('form.keypad.timeout', { s: KEYPAD_TIMEOUT_S }));
    expect(f).toContain(w('form.keypad.keyboard'));
    expect(frameOf(r, true)).toContain(w('form.keypad.waiting'));
    r.actor.stop();
  });

  it('a reader that verifies only: the new PIN is typed on the computer, and the form says why', async () => {
    setLanguage(lang);
    const r = await loaded(withKeypad(makeReport({ pin: 0 }), false));
    await openForm(r, 'OPEN_UNBLOCK');
    const f = frameOf(r);
    expect(f.split(w('form.keypad.field')).length - 1).toBe(1);
    expect(f).toContain(w('form.keypad.newPinOnKeyboard'));
    // The report double gives no code lengths: the default, 4 to 8 digits (issue 17).
    expect(f).toContain(w('form.typedSpan', { typed: 0, min: 4, max: 8 }));
    r.actor.stop();
  });

  it('the accessible mode says the same, line by line', async () => {
    setLanguage(lang);
    const r = await loaded(withKeypad(makeReport({ pin: 0 })));
    await openForm(r, 'OPEN_UNBLOCK');
    const lines = describeView(r.actor.getSnapshot(), { version: 'test', demo: false, now: new Date() });
    expect(lines).toContain(w('form.keypad.timeout', { s: KEYPAD_TIMEOUT_S }));
    expect(lines.join(' ')).toContain(w('form.keypad.lengthExact', { what: w('form.keypad.code.puk'), n: 8 }));
    expect(lines.join(' ')).toContain(w('key.form.toggle-keypad.bar'));
    r.actor.stop();
  });

  it('the reader picker marks the reader with a keypad', () => {
    setLanguage(lang);
    const readers = [
      { name: 'Lecteur A', atr: new Uint8Array([0x3b]) },
      { name: 'Pinpad B', atr: new Uint8Array([0x3b]) },
    ];
    const { lastFrame, unmount } = render(<ReaderList readers={readers} keypadReader="Pinpad B" />);
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines[1]).toContain(w('reader.keypadMark').trim());
    expect(lines[0]).not.toContain(w('reader.keypadMark').trim());
    unmount();
  });

  it('switched to the keyboard: the fields come back, and the form says how to return', async () => {
    setLanguage(lang);
    const r = await loaded(withKeypad(makeReport({ pin: 3 })));
    await openForm(r, 'ASK_SITUATIONS');
    expect(frameOf(r)).toContain(w('form.keypad.intro.one', { codes: w('form.keypad.code.pin') }));
    r.actor.send({ type: 'TOGGLE_KEYPAD' });
    const f = frameOf(r);
    expect(f).not.toContain(w('form.keypad.field'));
    expect(f).toContain(w('form.keypad.keyboardChosen'));
    r.actor.stop();
  });
});
