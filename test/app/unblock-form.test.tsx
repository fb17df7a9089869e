// "Débloquer votre code porteur" on the real machine and simulated cards: the button's state and
// reason, wrong PUK, last try, PUK blocked, success, removal in the middle. In French and in
// English: the words come from the language's catalogue; a few French literals at the end prove
// the reference wording.

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_READER } from '../../src/card/transport/in-process.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { describeView } from '../../src/app/tui/accessible.js';
import { LANG_CASES, flat, head, triesOf, wordsIn, type Words } from '../support/words.js';
import type { Lang } from '../../src/i18n/index.js';
import { noticeText } from '../../src/view/failure.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

const TAB = '\t';
const ENTER = '\r';

async function openForm(lang: Lang, card: 'seed' | 'puk-last-try' = 'seed'): Promise<Harness> {
  const w = wordsIn(lang);
  h = await startApp({ card, lang });
  await h.waitFor(`[d] ${w('pin.unblock')}`);
  // Opening the form before the certificates are in is fine, but it reads the counters after them.
  await h.readDone();
  await h.press('d');
  await h.waitFor(`${w('form.field.puk')}:`);
  return h;
}

const typed = (w: Words, n: number, of: number) => w('form.typed', { typed: n, length: of });

async function fill(x: Harness, puk: string, pin: string, confirm: string): Promise<void> {
  await x.press(...puk.split(''), TAB, ...pin.split(''), TAB, ...confirm.split(''), TAB);
}

describe.each(LANG_CASES)('unblock form (%s)', (lang) => {
  const w = wordsIn(lang);
  const inactive = (why: string) => w('form.inactive', { why });
  it('has the seed fields, masks the digits, and keeps the button greyed with its reason until ready', async () => {
    const x = await openForm(lang);
    let f = x.frame();
    expect(f).toContain(`${w('form.field.puk')}:`);
    expect(f).toContain(`${w('form.field.newPin')}:`);
    expect(f).toContain(`${w('form.field.confirmPin')}:`);
    expect(f).toContain(`[ ${w('form.button.unblock')} ] ${inactive(w('form.blocker.puk', { range: w('codes.range.fixed', { n: 8 }) }))}`);
    await x.press(...'1234'.split(''));
    f = await x.waitFor(typed(w, 4, 8));
    expect(f).toContain('••••____');
    expect(f).not.toContain('1234');
    await x.press(...'5678'.split(''), TAB, ...'4321'.split(''), TAB, ...'4322'.split(''));
    await x.waitFor(inactive(w('form.blocker.mismatch')));
    expect(x.actor.getSnapshot().can({ type: 'SUBMIT' })).toBe(false);
    const apdusBefore = x.transport.apduCount;
    await x.press('\u007f', '1');
    // Enabled exactly when the machine would take SUBMIT.
    await x.waitFor((fr) => !fr.includes(head(w, 'form.inactive')));
    expect(x.actor.getSnapshot().can({ type: 'SUBMIT' })).toBe(true);
    // Enter on a field moves on; it never sends. Only Enter on the focused button does.
    await x.press(TAB);
    await x.waitFor(`▶ [ ${w('form.button.unblock')} ] ◀`);
    expect(x.actor.getSnapshot().matches({ card: { view: { unblock: 'entering' } } })).toBe(true);
    expect(x.transport.apduCount).toBe(apdusBefore);
  });

  it('keeps all 8 digits of a PUK written in one burst', async () => {
    const x = await openForm(lang);
    await x.press('12345678');
    await x.waitFor(typed(w, 8, 8));
    await x.press('9');
    expect(x.frame()).toContain(typed(w, 8, 8));
  });

  it('a wrong PUK says how many tries are left and empties the fields', async () => {
    const x = await openForm(lang);
    await fill(x, '87654321', '4321', '4321');
    await x.press(ENTER);
    const f = await x.waitFor(w('msg.wrongPuk.text', { tries: w('tries.many', { n: 9 }) }));
    expect(f).toContain(typed(w, 0, 8));
  });

  it('Esc closes the form and forgets what was typed', async () => {
    const x = await openForm(lang);
    await x.press('1', '2', '3');
    await x.waitFor(typed(w, 3, 8));
    await x.press('\u001b');
    await x.waitFor(`[d] ${w('pin.unblock')}`);
    await x.press('d');
    await x.waitFor(typed(w, 0, 8));
  });

  it('the right PUK unblocks with the seed message, then waits for the card to leave and come back', async () => {
    const x = await openForm(lang);
    await fill(x, '12345678', '4321', '4321');
    await x.press(ENTER);
    await x.waitFor(w('msg.unblockSuccess.text'));
    await x.waitFor(w('state.doneRemove'));
    x.transport.remove(DEFAULT_READER);
    await x.waitFor(w('state.doneReinsert'));
    x.transport.insert(DEFAULT_READER, x.card!);
    const f = await x.waitFor(w('value.ok', { count: triesOf(w, 3, 3) }));
    expect(f).toContain(`[c] ${w('pin.change')}`);
  });

  it('before the last PUK try: a warning and an explicit o; Enter does not send', async () => {
    const x = await openForm(lang, 'puk-last-try');
    await fill(x, '87654321', '4321', '4321');
    await x.press(ENTER);
    let f = await x.waitFor(w('confirm.yes'));
    expect(f).toContain(w('confirm.title'));
    expect(flat(f)).toContain(w('msg.lastTry.unblock.one'));
    await x.press(ENTER, ENTER);
    f = x.frame();
    expect(f).toContain(w('confirm.yes'));
    // n goes back to the form, nothing sent: the PUK still has its one try.
    await x.press('n');
    await x.waitFor(`${w('form.field.puk')}:`);
    expect(x.actor.getSnapshot().context.report?.puk.triesLeft).toBe(1);
    await x.press(ENTER);
    await x.waitFor(w('confirm.yes'));
    await x.press(w('keyname.yes'));
    // Called wrong, then blocked (the message wraps: its start, then the whole of it unwrapped).
    f = await x.waitFor(w('msg.pukNowBlocked.text').slice(0, 40));
    expect(flat(f)).toContain(w('msg.pukNowBlocked.text'));
    expect(f).toContain('Agence du Numérique en Santé');
    await x.press(ENTER);
    await x.waitFor(w('state.pukUnusable'));
  });

  it('pcscd stopping during the unblock: the cut is said at once, beside "service unavailable" (issue 17)', async () => {
    const x = await openForm(lang);
    await fill(x, '12345678', '2468', '2468');
    // pcscd goes away once the card has answered the first command that carries a code.
    const connect = x.transport.connect.bind(x.transport);
    x.transport.connect = async (reader, mode) => {
      const c = await connect(reader, mode);
      const transmit = c.transmit.bind(c);
      c.transmit = async (command) => {
        const answer = await transmit(command);
        if (command[1] === 0x20 || command[1] === 0x2c) x.transport.stopService();
        return answer;
      };
      return c;
    };
    await x.press(ENTER);
    const f = await x.waitFor(w('state.serviceUnavailable'));
    const notice = noticeText(x.actor.getSnapshot().context.notice);
    expect(notice).toMatch(/pcscd/);
    // Before: the notice waited for pcscd to come back and the card to be read again.
    expect(flat(f)).toContain(notice);
    expect(describeView(x.actor.getSnapshot(), { version: '9.9.9', demo: false, now: new Date() }).join(' ')).toContain(notice);
  });

  it('a card with a blocked PUK offers no unblocking and says to ask the ANS for a new card', async () => {
    h = await startApp({ card: 'puk-blocked', lang });
    const f = await h.waitFor(w('state.pukUnusable'));
    expect(flat(f)).toContain(head(w, 'pin.pukUnusable'));
    expect(f).toContain('Agence du Numérique en Santé');
    expect(f).not.toContain('[d]');
    await h.press('d');
    expect(h.frame()).not.toContain(`${w('form.field.puk')}:`);
  });

  it('a card pulled during the unblock is never shown as a wrong code', async () => {
    const x = await openForm(lang);
    await fill(x, '12345678', '4321', '4321');
    // The card leaves at the second APDU of the operation, after the card ran it.
    x.transport.injectFault({ at: 2, kind: 'remove-card' });
    await x.press(ENTER);
    const f = await x.waitFor(w('state.interrupted'));
    expect(f).not.toContain(head(w, 'msg.wrongPuk.text'));
    expect(f).toContain(w('state.doneReinsert'));
  });
});

describe('unblock form: the reference wording (French)', () => {
  it('the seed texts, word for word', async () => {
    const x = await openForm('fr');
    expect(x.frame()).toContain('[ Débloquer ] (inactif : Code de déblocage incomplet (8 chiffres))');
    await fill(x, '87654321', '4321', '4321');
    await x.press(ENTER);
    await x.waitFor('Code de déblocage erroné. Il vous reste 9 essais.');
    await fill(x, '12345678', '4321', '4321');
    await x.press(ENTER);
    await x.waitFor('Votre code porteur a été débloqué avec succès. Veuillez retirer puis réinsérer votre carte.');
  });
});

describe.each(LANG_CASES)('while the card works (%s)', (lang) => {
  const w = wordsIn(lang);
  it('the form says it is sending from the key press on, where the button was; never "Enter: send" then (issue 17)', async () => {
    const x = await openForm(lang);
    await fill(x, '12345678', '4321', '4321');
    await x.waitFor(`▶ [ ${w('form.button.unblock')} ] ◀`);
    // A card that does not answer the first APDU: the operation stays in flight.
    x.transport.injectFault({ at: 1, kind: 'hang' });
    await x.press(ENTER);
    const f = await x.waitFor(`[ ${w('form.button.unblock')} ] ${w('form.sending')}`);
    expect(f).not.toContain(w('form.enterSends').trim());
  });
});
