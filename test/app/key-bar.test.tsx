// The key bar is one line at 80 columns in every state the machine can show, in French and in
// English, with or without the demo's key and the scroll marks: the states are reached on the real
// machine (test/support/machine-doubles.ts's rig), their key mode is the one the app builds, and the bar is
// rendered by Ink at 80 columns. Then every key mode the table can meet, exhaustively.

import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { keyMode } from '../../src/app/tui/key-handler.js';
import { keyBar, type KeyMode } from '../../src/app/tui/keys.js';
import { setLanguage, LANGS, type Lang } from '../../src/i18n/index.js';
import { digitsEvent } from '../../src/machine/events.js';
import { KeyBar, barWidth, fitKeyBar, scrollMark, type ScrollMarks } from '../../src/screens/key-bar.js';
import type { AuditView } from '../../src/screens/view.js';
import { A, A_EMPTY, B, B_EMPTY, OTHER_ATR, loaded, makeReport, openForm, rig, type, type Rig } from '../support/machine-doubles.js';
import { UnexpectedCardResponseError, WrongCodeError } from '../../src/card/cps/errors.js';

const COLUMNS = 80;
const MARKS: readonly (ScrollMarks | undefined)[] = [
  undefined,
  { above: false, below: true },
  { above: true, below: true },
  { above: true, below: false },
];

/** Every state the screens can show, on the real machine, each as its snapshot. */
async function machineStates(): Promise<{ name: string; view: AuditView }[]> {
  const out: { name: string; view: AuditView }[] = [];
  const rigs: Rig[] = [];
  const keep = (name: string, r: Rig) => out.push({ name, view: r.actor.getSnapshot() });
  const fresh = (r: Rig) => (rigs.push(r), r);

  const none = fresh(rig([]));
  await none.reach('noReader');
  keep('noReader', none);
  none.transport.serviceDown();
  await none.reach('serviceUnavailable');
  keep('serviceUnavailable', none);
  none.transport.serviceDown('access-refused');
  await none.reach('accessRefused');
  keep('accessRefused', none);

  const two = fresh(rig([A_EMPTY, B_EMPTY]));
  await two.reach('noCard');
  keep('noCard (two readers)', two);
  two.actor.send({ type: 'CHOOSE_READER' });
  await two.reach('choosingReader');
  keep('choosingReader', two);

  const odd = fresh(rig([{ name: 'Lecteur A', atr: OTHER_ATR }, B_EMPTY]));
  await odd.reach('reading');
  keep('reading', odd);
  (await odd.cards.next('read')).resolve(makeReport({ atr: OTHER_ATR, supported: false }));
  await odd.reach('cardUnrecognised');
  keep('cardUnrecognised', odd);

  const busy = fresh(rig([{ ...A, inUse: true }]));
  await busy.reach('cardInUse');
  keep('cardInUse', busy);

  const failing = fresh(rig([A]));
  await failing.reach('reading');
  (await failing.cards.next('read')).reject(new UnexpectedCardResponseError('SELECT'));
  await failing.reach('readFailed');
  keep('readFailed', failing);

  // The seed's card (PIN blocked) in a two-reader set-up: every card key at once.
  const seed = fresh(rig([A, B]));
  await seed.reach('choosingReader');
  keep('choosingReader (two cards)', seed);
  seed.actor.send({ type: 'SELECT_READER', name: 'Lecteur A' });
  await seed.reach('reading');
  (await seed.cards.next('read')).resolve(makeReport({ pin: 0 }));
  await seed.reach('card');
  keep('card: PIN blocked, two readers', seed);
  seed.actor.send({ type: 'TAB', tab: 'situations' });
  keep('card: situations tab', seed);
  seed.actor.send({ type: 'HELP_OPEN' });
  keep('help', seed);
  seed.actor.send({ type: 'HELP_CLOSE' });
  seed.actor.send({ type: 'TAB', tab: 'info' });

  const last = fresh(await loaded(makeReport({ pin: 0, puk: 1 })));
  keep('card: PUK last try', last);
  await openForm(last, 'OPEN_UNBLOCK');
  keep('unblock form, field', last);
  last.actor.send(digitsEvent('12345678'));
  last.actor.send({ type: 'NEXT_FIELD' });
  last.actor.send(digitsEvent('1111'));
  last.actor.send({ type: 'NEXT_FIELD' });
  last.actor.send(digitsEvent('1111'));
  last.actor.send({ type: 'NEXT_FIELD' });
  keep('unblock form, button', last);
  last.actor.send({ type: 'SUBMIT' });
  await last.reach({ card: { view: { unblock: 'confirmLastTry' } } });
  keep('last-try confirmation', last);
  last.actor.send({ type: 'CONFIRM' });
  await last.reach({ card: { view: { unblock: 'sending' } } });
  keep('sending', last);
  (await last.cards.next('unblockPin')).resolve(undefined);
  await last.reach({ done: 'waitRemoval' });
  keep('done: remove the card', last);
  last.transport.setReaders([A_EMPTY]);
  await last.reach({ done: 'waitReinsert' });
  keep('done: reinsert the card', last);

  // The last try spent wrong: the final message of the form.
  const lost = fresh(await loaded(makeReport({ pin: 0, puk: 1 })));
  await openForm(lost, 'OPEN_UNBLOCK');
  type(lost, '12345678', '1111', '1111');
  lost.actor.send({ type: 'SUBMIT' });
  await lost.reach({ card: { view: { unblock: 'confirmLastTry' } } });
  lost.actor.send({ type: 'CONFIRM' });
  (await lost.cards.next('unblockPin')).reject(new WrongCodeError('puk', 0));
  await lost.reach({ card: { view: { unblock: 'final' } } });
  keep('final message', lost);

  const ok = fresh(await loaded(makeReport({ pin: 3 })));
  keep('card: PIN OK', ok);
  await openForm(ok, 'OPEN_CHANGE');
  ok.actor.send(digitsEvent('1234'));
  ok.actor.send({ type: 'NEXT_FIELD' });
  ok.actor.send(digitsEvent('1111'));
  ok.actor.send({ type: 'NEXT_FIELD' });
  ok.actor.send(digitsEvent('1111'));
  ok.actor.send({ type: 'NEXT_FIELD' });
  ok.actor.send({ type: 'SUBMIT' });
  (await ok.cards.next('changePin')).reject(new WrongCodeError('pin', 2));
  await ok.reach({ card: { view: { change: 'entering' } } });
  keep('change form with an error', ok);
  ok.actor.send({ type: 'CLOSE_FORM' });
  await ok.reach({ card: { view: 'browsing' } });
  keep('card with a notice', ok);
  // A card taken out: the notice of the removal, no card.
  ok.transport.setReaders([A_EMPTY]);
  await ok.reach('noCard');
  keep('noCard after a removal', ok);

  for (const r of rigs) r.actor.stop();
  return out;
}

function renderedBar(mode: KeyMode, marks: ScrollMarks | undefined): string {
  const r = render(
    <Box width={COLUMNS}>
      <KeyBar items={keyBar(mode)} width={COLUMNS} {...(marks !== undefined ? { scroll: marks } : {})} />
    </Box>,
  );
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame;
}

afterAll(() => setLanguage('fr'));

describe.each(LANGS)('key bar at 80 columns (%s)', (lang: Lang) => {
  it('is one line, whole, in every state the machine can show (demo or not, scrolled or not)', async () => {
    setLanguage(lang);
    const states = await machineStates();
    expect(states.length).toBeGreaterThan(20);
    for (const { name, view } of states) {
      for (const demo of [true, false]) {
        for (const marks of MARKS) {
          const mode = { ...keyMode(view, demo), scrollable: marks !== undefined };
          const frame = renderedBar(mode, marks);
          const where = `${lang} · ${name} · demo=${demo} · ${JSON.stringify(marks)}:\n${frame}`;
          expect(frame.split('\n'), where).toHaveLength(1);
          // Nothing cut at the end: what the bar keeps fits, and the help is always offered.
          expect(barWidth(fitKeyBar(keyBar(mode), scrollMark(marks), COLUMNS), scrollMark(marks)), where).toBeLessThanOrEqual(COLUMNS);
          if (mode.view !== 'save') expect(frame, where).toMatch(/^(?:.*\s)?(\?|F1) /);
        }
      }
    }
    setLanguage('fr');
  });

  it('fits in every key mode the table can meet, keeping the help and the ways out', () => {
    setLanguage(lang);
    const views: KeyMode['view'][] = [
      'help',
      'form',
      'confirm',
      'message',
      'readers',
      'card',
      'other',
      'busy',
      'save',
      'save-confirm',
      'save-done',
    ];
    const flags = [
      'canUnblock',
      'canChange',
      'canChooseReader',
      'canAskSituations',
      'canRetry',
      'hasNotice',
      'canCancelChoice',
      'canSave',
    ] as const;
    let checked = 0;
    for (const view of views)
      for (const focus of view === 'form' ? (['field', 'button'] as const) : ([undefined] as const))
        for (const demo of [true, false])
          for (const readerCount of [0, 9])
            for (let bits = 0; bits < 1 << flags.length; bits++)
              // The widest mark or none (the marks differ by one column at most).
              for (const marks of [undefined, { above: true, below: true }]) {
                const mode: KeyMode = {
                  view,
                  demo,
                  readerCount,
                  scrollable: marks !== undefined,
                  ...(focus !== undefined ? { focus } : {}),
                  ...Object.fromEntries(flags.map((f, i) => [f, (bits & (1 << i)) !== 0])),
                };
                const all = keyBar(mode);
                const kept = fitKeyBar(all, scrollMark(marks), COLUMNS);
                const where = `${lang} ${JSON.stringify(mode)}`;
                expect(barWidth(kept, scrollMark(marks)), where).toBeLessThanOrEqual(COLUMNS);
                // What never gives way at 80 columns: the help, the actions, the ways out of a form or a
                // confirmation, and Maj-Tab in a form (the issue wants it in the form's bar).
                for (const must of [
                  'help',
                  'open-unblock',
                  'open-change',
                  'submit',
                  'close-form',
                  'previous-field',
                  'confirm',
                  'cancel',
                  'close-message',
                ])
                  if (all.some((i) => i.intent === must))
                    expect(
                      kept.some((i) => i.intent === must),
                      `${must} in ${where}`,
                    ).toBe(true);
                checked++;
              }
    expect(checked).toBeGreaterThan(5_000);
    setLanguage('fr');
  });
});

describe('what gives way', () => {
  it('the demo key first, then scrolling, then the tabs; wide room keeps them all', () => {
    setLanguage('en');
    const mode: KeyMode = { view: 'card', demo: true, canUnblock: true, canChooseReader: true, canSave: true, scrollable: true };
    const all = keyBar(mode);
    const mark = scrollMark({ above: false, below: true });
    expect(fitKeyBar(all, mark, 200)).toEqual(all);
    const kept = fitKeyBar(all, mark, COLUMNS).map((i) => i.intent);
    expect(kept).not.toContain('toggle-card');
    expect(kept).toEqual(expect.arrayContaining(['help', 'quit', 'open-unblock', 'choose-reader']));
    setLanguage('fr');
  });

  it('the scroll mark is in the catalogue of each language', () => {
    setLanguage('en');
    expect(scrollMark({ above: false, below: true })).toBe(' ↓ more');
    expect(scrollMark({ above: true, below: false })).toBe('↑ top');
    setLanguage('fr');
    expect(scrollMark({ above: true, below: true })).toBe('↑↓ suite');
    expect(scrollMark({ above: false, below: false })).toBeUndefined();
  });
});
