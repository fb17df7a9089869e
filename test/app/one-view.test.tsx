// Issue 19: the full screen and the accessible mode are one view. In every state a person can
// meet (no reader, no card, pcscd down, access refused, several readers, a card in use, not a
// CPS, a failed read, the card screen and each tab, the situations read, each form, the last-try
// confirmation, a wrong code, a success, a removal, a PUK exhausted, the help, the card test),
// every fact of the presentation model (present()) shows in the Ink frame AND in the accessible
// mode's text (describeView). Before this test the accessible mode printed the holder's name and
// the codes' states only: the reader, model, serial, identifier, profession, issuer, dates, the
// tabs, the certificates, the situations and the help were missing.

import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { describeView } from '../../src/app/tui/accessible.js';
import { helpSections } from '../../src/app/tui/keys.js';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { TransportError } from '../../src/card/transport/errors.js';
import { DEFAULT_READER } from '../../src/card/transport/in-process.js';
import { present, type Line, type Presentation } from '../../src/view/present.js';
import { checkWords } from '../../src/view/card-test-words.js';
import { startApp, TODAY, type Harness } from '../support/app-harness.js';
import { LANG_CASES, wordsIn } from '../support/words.js';

const TAB = '\t';
const ENTER = '\r';

let h: Harness | undefined;
afterEach(async () => {
  await h?.unmount();
  h = undefined;
});

function lineFacts(l: Line): string[] {
  switch (l.kind) {
    case 'field':
      return l.value === '' ? [] : [l.label, l.value];
    case 'note':
    case 'warning':
    case 'heading':
    case 'text':
      return [l.text];
    case 'object':
      return [l.title, l.notPublished, ...l.content];
    case 'action':
      return [l.key, l.label];
    case 'notice':
      return [l.notice.text, ...(l.notice.remedy !== undefined ? [l.notice.remedy] : [])];
  }
}

/** Every text of the model a person must be able to read (the key bar aside: the full screen's gives way to its width). */
function facts(p: Presentation): string[] {
  if (p.help !== undefined) {
    // The full screen shows the help alone; the accessible mode after the card.
    return [p.help.title, p.help.intro, ...p.help.sections.flatMap((s) => [s.title, ...s.rows.flatMap((r) => [r.keys, r.does])])];
  }
  const out: string[] = [p.title];
  if (p.status.text !== undefined) out.push(p.status.text);
  if (p.status.remedy !== undefined) out.push(p.status.remedy);
  if (p.notice !== undefined) out.push(p.notice.text, ...(p.notice.remedy !== undefined ? [p.notice.remedy] : []));
  if (p.doneLine !== undefined) out.push(p.doneLine);
  for (const s of [p.reader, p.holder, p.pin]) {
    const lines = s.lines.flatMap(lineFacts);
    if (lines.length > 0) out.push(s.title, ...lines);
  }
  out.push(...(p.readerChoice ?? []).flatMap(lineFacts));
  out.push(p.content.title, ...(p.content.tabs ?? []).flatMap((x) => [x.key, x.title]), ...p.content.lines.flatMap(lineFacts));
  const op = p.content.operation;
  if (op?.kind === 'form') {
    out.push(op.hint, ...(op.lostLetter !== undefined ? [op.lostLetter] : []), ...op.keypadLines.map((l) => l.text));
    for (const f of op.fields) out.push(f.label, ...(f.onKeypad ? [] : [f.count]));
    out.push(op.button.label, ...(op.button.blocker !== undefined && !op.button.enabled ? [op.button.blocker] : []));
    if (op.error !== undefined) out.push(op.error.text, ...(op.error.remedy !== undefined ? [op.error.remedy] : []));
  } else if (op?.kind === 'confirm') {
    out.push(op.title, op.warning.text, ...(op.warning.remedy !== undefined ? [op.warning.remedy] : []));
  } else if (op?.kind === 'outcome' && op.notice !== undefined) {
    out.push(op.notice.text, ...(op.notice.remedy !== undefined ? [op.notice.remedy] : []));
  } else if (op?.kind === 'testRunning') {
    out.push(op.text);
  } else if (op?.kind === 'testResult' && op.result !== undefined) {
    for (const c of op.result.checks.map(checkWords)) out.push(c.name, c.detail, ...(c.remedy !== undefined ? [c.remedy] : []));
  }
  return out.filter((f) => f.trim() !== '');
}

/** Text compared without its layout: line breaks, wrapping, indents and frame borders gone. */
const bare = (s: string) => s.replace(/[║│╔╗╚╝═─]/g, '').replace(/\s+/g, '');

/** The same facts in both renderings of the state the harness is in now; returns how many. */
function sameFacts(x: Harness, state: string): number {
  const snap = x.actor.getSnapshot();
  const p = present(snap, snap.context.report, { now: TODAY, help: helpSections() });
  const frame = bare(x.frame());
  const text = bare(describeView(snap, { version: '9.9.9', demo: true, now: TODAY }).join('\n'));
  const all = facts(p);
  for (const f of all) {
    expect(frame, `${state}: the full screen lacks «${f}»\n${x.frame()}`).toContain(bare(f));
    expect(
      text,
      `${state}: the accessible mode lacks «${f}»\n${describeView(snap, { version: '9.9.9', demo: true, now: TODAY }).join('\n')}`,
    ).toContain(bare(f));
  }
  return all.length;
}

const BIG = { columns: 160, rows: 400 } as const;

describe.each(LANG_CASES)('one view, two renderings (%s)', (lang) => {
  const w = wordsIn(lang);

  it('states without a card: no reader, no card, pcscd down, access refused, a removal', async () => {
    h = await startApp({ readers: [], lang, ...BIG });
    await h.waitFor(w('state.noReader'));
    expect(sameFacts(h, 'no reader')).toBeGreaterThan(3);
    await h.unmount();

    h = await startApp({ lang, ...BIG });
    await h.waitFor(w('state.noCard'));
    sameFacts(h, 'no card');
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    await h.readDone();
    h.transport.stopService();
    await h.waitFor(w('state.serviceUnavailable'));
    sameFacts(h, 'pcscd down');
    h.transport.startService();
    await h.readDone();
    await act(async () => {
      h!.actor.send({ type: 'TRANSPORT.SERVICE', service: { status: 'down', error: new TransportError('access-refused', 'refused') } });
    });
    await h.waitFor(w('state.accessRefused'));
    sameFacts(h, 'access refused');
    await h.unmount();

    h = await startApp({ card: 'seed', lang, ...BIG });
    await h.readDone();
    h.transport.remove(DEFAULT_READER);
    await h.waitFor(w('value.cardRemoved'));
    expect(sameFacts(h, 'removed')).toBeGreaterThan(3);
  });

  it('several readers, a card in use, not a CPS, a failed read', async () => {
    h = await startApp({ readers: ['Lecteur A', 'Lecteur B'], card: 'cps3-rpps', more: [['Lecteur B', 'seed']], lang, ...BIG });
    await h.waitFor(w('state.choosingReader'));
    sameFacts(h, 'choosing a reader');
    await h.unmount();

    h = await startApp({ lang, ...BIG });
    await h.waitFor(w('state.noCard'));
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    const other = await h.transport.connect(DEFAULT_READER, 'exclusive');
    await h.waitFor(w('state.cardInUse'));
    sameFacts(h, 'card in use');
    await other.disconnect('leave');
    await h.unmount();

    h = await startApp({ card: 'unknown', lang, ...BIG });
    await h.waitFor(w('state.cardUnrecognised'));
    sameFacts(h, 'not a CPS');
    await h.unmount();

    h = await startApp({ lang, ...BIG });
    await h.waitFor(w('state.noCard'));
    h.transport.injectFault({ at: 1, kind: 'unresponsive' });
    h.transport.insert(DEFAULT_READER, createFixtureCard('seed'));
    await h.waitFor(w('state.readFailed'));
    sameFacts(h, 'read failed');
  });

  it('the card screen, each tab, the situations read, the help', async () => {
    h = await startApp({ card: 'cps3-rpps', lang, ...BIG });
    await h.readDone();
    // The reader, model, serial, identifier, profession, issuer and dates: all in both.
    expect(sameFacts(h, 'card, tab 1')).toBeGreaterThan(25);
    await h.press('3');
    await h.waitFor(w('cert.authentification'));
    expect(sameFacts(h, 'tab 3, the certificates')).toBeGreaterThan(25);
    await h.press('2');
    await h.waitFor(w('msg.situationsCost.text').slice(0, 30));
    sameFacts(h, 'tab 2, before the PIN');
    await h.press(ENTER);
    await h.waitFor(w('form.button.situations'));
    sameFacts(h, 'the situations form');
    await h.press('1', '2', '3', '4', ENTER);
    await h.waitFor(`▶ [ ${w('form.button.situations')} ] ◀`);
    await h.press(ENTER);
    await h.waitFor(w('situation.mode'));
    expect(sameFacts(h, 'tab 2, the situations read')).toBeGreaterThan(20);
    await h.press('?');
    await h.waitFor(w('help.noKeySends'));
    expect(sameFacts(h, 'the help')).toBeGreaterThan(40);
  });

  it('the unblock form, a wrong PUK, the last-try confirmation, a PUK exhausted', async () => {
    h = await startApp({ card: 'seed', lang, ...BIG });
    await h.readDone();
    await h.press('d');
    await h.waitFor(w('form.button.unblock'));
    sameFacts(h, 'unblock form');
    await h.press(...'8765432'.split(''));
    sameFacts(h, 'unblock form, 7 digits');
    await h.press('1', TAB, ...'4321'.split(''), TAB, ...'4321'.split(''), TAB, ENTER);
    await h.waitFor((f) => h!.actor.getSnapshot().context.form?.error !== undefined || f.includes(w('confirm.title')));
    sameFacts(h, 'a wrong PUK');
    await h.unmount();

    h = await startApp({ card: 'puk-last-try', lang, ...BIG });
    await h.readDone();
    await h.press('d', ...'87654321'.split(''), TAB, ...'4321'.split(''), TAB, ...'4321'.split(''), TAB, ENTER);
    await h.waitFor(w('confirm.yes'));
    sameFacts(h, 'the last-try confirmation');
    await h.press(w('keyname.yes'));
    await h.waitFor(w('msg.pukNowBlocked.text').slice(0, 30));
    sameFacts(h, 'the PUK blocked by the last try');
    await h.press(ENTER);
    await h.waitFor(w('state.pukUnusable'));
    sameFacts(h, 'PUK unusable');
  });

  it('an unblock that lands, the card taken out and back, the card test', async () => {
    h = await startApp({ card: 'seed', lang, ...BIG });
    await h.readDone();
    await h.press('d', ...'12345678'.split(''), TAB, ...'4321'.split(''), TAB, ...'4321'.split(''), TAB, ENTER);
    await h.waitFor(w('msg.unblockSuccess.text').slice(0, 30));
    sameFacts(h, 'the unblock landed');
    await h.waitFor(w('state.doneRemove'));
    sameFacts(h, 'remove the card');
    h.transport.remove(DEFAULT_READER);
    await h.waitFor(w('state.doneReinsert'));
    sameFacts(h, 'insert it again');
    await h.unmount();

    h = await startApp({ card: 'cps3-rpps', lang, ...BIG });
    await h.readDone();
    await h.press('t');
    await h.waitFor(w('form.button.test'));
    sameFacts(h, 'the card test form');
    await h.press('1', '2', '3', '4', ENTER, ENTER);
    await h.waitFor(w('cardTest.tui.close'), 20_000);
    expect(sameFacts(h, 'the card test result')).toBeGreaterThan(20);
  });

  it('the change form, a wrong current PIN, a change cut by a removal, a change that lands, a CPS4 card', async () => {
    const change = async (x: Harness, current: string, next: string) => {
      await x.waitFor(w('form.typed', { typed: 0, length: 4 }));
      await x.press(...current.split(''), TAB, ...next.split(''), TAB, ...next.split(''), TAB);
      await x.waitFor(`▶ [ ${w('form.button.change')} ] ◀`);
    };
    h = await startApp({ card: 'cps3-rpps', lang, ...BIG });
    await h.readDone();
    await h.press('c');
    await h.waitFor(w('form.button.change'));
    sameFacts(h, 'change form');
    await change(h, '9999', '5678');
    await h.press(ENTER);
    await h.waitFor(() => h!.actor.getSnapshot().context.form?.error !== undefined);
    await h.waitFor(w('form.typed', { typed: 0, length: 4 }));
    sameFacts(h, 'a wrong current PIN');
    await change(h, '1234', '5678');
    // The card leaves on the first command of the change: nothing can have been written.
    h.transport.injectFault({ at: 1, kind: 'remove-card', executed: false });
    await h.press(ENTER);
    await h.waitFor(w('state.interrupted'));
    sameFacts(h, 'a change cut by a removal');
    await h.unmount();

    h = await startApp({ card: 'cps3-rpps', lang, ...BIG });
    await h.readDone();
    await h.press('c');
    await change(h, '1234', '5678');
    await h.press(ENTER);
    await h.waitFor(w('msg.changeSuccess.text').slice(0, 30));
    sameFacts(h, 'the change landed');
    await h.unmount();

    h = await startApp({ card: 'cps4', lang, ...BIG });
    await h.readDone();
    expect(sameFacts(h, 'a CPS4, tab 1')).toBeGreaterThan(15);
    await h.press('3');
    await h.waitFor(() => h!.actor.getSnapshot().context.report !== undefined);
    sameFacts(h, 'a CPS4, tab 3');
  });
});
