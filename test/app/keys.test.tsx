// The key table drives the dispatch, the key bar and the help: check the rules that protect the
// holder (a code field swallows every printable non-digit; only the button submits).

import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/app/tui/key-decoder.js';
import { NO_KEY } from '../../src/app/tui/raw-keys.js';
import { activeBindings, helpSections, keyBar, KEY_TABLE, resolveKey, type KeyMode, type KeyPress } from '../../src/app/tui/keys.js';
import type { Key } from 'ink';
import { setLanguage } from '../../src/i18n/index.js';
import { LANG_CASES, wordsIn } from '../support/words.js';

const noKey: Key = NO_KEY;
const char = (c: string): KeyPress => ({ kind: 'char', char: c });
const field: KeyMode = { view: 'form', focus: 'field', demo: true };
const button: KeyMode = { view: 'form', focus: 'button', demo: true };
const card: KeyMode = { view: 'card', demo: true, canUnblock: true, canChange: false };

describe('key table', () => {
  it('in a code field, digits type and every other printable key is ignored', () => {
    for (let d = 0; d <= 9; d++) expect(resolveKey(char(String(d)), field)).toBe('digit');
    for (const c of ['q', '1a'.charAt(1), '?', 'd', 'c', 'i', 'l', ' ', 'é', 'Q']) expect(resolveKey(char(c), field)).toBeUndefined();
    expect(resolveKey({ kind: 'backspace' }, field)).toBe('backspace');
    expect(resolveKey({ kind: 'enter' }, field)).toBe('next-field');
    expect(resolveKey({ kind: 'tab' }, field)).toBe('next-field');
    expect(resolveKey({ kind: 'shift-tab' }, field)).toBe('previous-field');
    expect(resolveKey({ kind: 'escape' }, field)).toBe('close-form');
    expect(resolveKey({ kind: 'f1' }, field)).toBe('help');
    expect(resolveKey({ kind: 'ctrl-c' }, field)).toBe('quit');
  });

  it('only Enter on the button submits; no other key in any mode does', () => {
    expect(resolveKey({ kind: 'enter' }, button)).toBe('submit');
    expect(resolveKey({ kind: 'enter' }, field)).not.toBe('submit');
    expect(KEY_TABLE.filter((b) => b.intent === 'submit').map((b) => b.scope)).toEqual(['button']);
  });

  it('on the card screen: q quits, d only when unblocking is offered, 1 2 3 and arrows pick tabs', () => {
    expect(resolveKey(char('q'), card)).toBe('quit');
    expect(resolveKey(char('d'), card)).toBe('open-unblock');
    expect(resolveKey(char('c'), card)).toBeUndefined();
    expect(resolveKey(char('c'), { ...card, canUnblock: false, canChange: true })).toBe('open-change');
    expect(resolveKey(char('2'), card)).toBe('tab-2');
    expect(resolveKey({ kind: 'right' }, card)).toBe('tab-next');
    expect(resolveKey({ kind: 'page-down' }, card)).toBe('page-down');
    expect(resolveKey(char('i'), card)).toBe('toggle-card');
    expect(resolveKey(char('i'), { ...card, demo: false })).toBeUndefined();
  });

  it('the last-try confirmation takes o, never Enter', () => {
    const confirm: KeyMode = { view: 'confirm', demo: false };
    expect(resolveKey({ kind: 'enter' }, confirm)).toBeUndefined();
    expect(resolveKey(char('o'), confirm)).toBe('confirm');
    expect(resolveKey({ kind: 'escape' }, confirm)).toBe('cancel');
    expect(resolveKey(char('q'), confirm)).toBeUndefined();
  });

  it('in English the yes key is y, and o does nothing (issue 17); the save dialog’s “replace?” too', () => {
    setLanguage('en');
    try {
      for (const view of ['confirm', 'save-confirm'] as const) {
        const m: KeyMode = { view, demo: false };
        expect(resolveKey(char('y'), m)).toBe(view === 'confirm' ? 'confirm' : 'save-replace');
        expect(resolveKey(char('Y'), m)).toBe(view === 'confirm' ? 'confirm' : 'save-replace');
        expect(resolveKey(char('o'), m)).toBeUndefined();
      }
      expect(keyBar({ view: 'confirm', demo: false }).map((i) => i.keys)).toContain('y');
    } finally {
      setLanguage('fr');
    }
    expect(resolveKey(char('y'), { view: 'confirm', demo: false })).toBeUndefined();
  });

  it('while the codes are on their way, only help, scrolling and Ctrl-C work', () => {
    const busy: KeyMode = { view: 'busy', demo: true };
    for (const k of [char('q'), char('i'), char('1'), { kind: 'escape' } as KeyPress, { kind: 'enter' } as KeyPress])
      expect(resolveKey(k, busy)).toBeUndefined();
    expect(resolveKey({ kind: 'ctrl-c' }, busy)).toBe('quit');
    expect(resolveKey({ kind: 'f1' }, busy)).toBe('help');
  });

  it('help closes with Esc or q, and q there does not quit', () => {
    const help: KeyMode = { view: 'help', demo: false };
    expect(resolveKey(char('q'), help)).toBe('close-help');
    expect(resolveKey({ kind: 'escape' }, help)).toBe('close-help');
  });

  it('the key bar in French: the reference labels', () => {
    setLanguage('fr');
    const bar = keyBar(card).map((i) => i.label);
    expect(bar).toEqual(expect.arrayContaining(['débloquer', 'quitter']));
    expect(keyBar(field).map((i) => i.label)).toEqual(expect.arrayContaining(['chiffres', 'effacer', 'fermer']));
  });
});

describe.each(LANG_CASES)('key bar and help from the table (%s)', (lang) => {
  const w = wordsIn(lang);
  it('the key bar lists what works now, from the same table, in this language', () => {
    setLanguage(lang);
    try {
      const bar = keyBar(card).map((i) => i.label);
      expect(bar).toContain(w('key.card.open-unblock.bar'));
      expect(bar).not.toContain(w('key.card.open-change.bar'));
      expect(bar).toContain(w('key.card.quit.bar'));
      expect(keyBar(field).map((i) => i.label)).toEqual(
        expect.arrayContaining([w('key.field.digit.bar'), w('key.field.backspace.bar'), w('key.form.close-form.bar')]),
      );
      expect(keyBar(field).map((i) => i.keys)).toContain(w('keyname.Maj-Tab'));
      for (const b of activeBindings(card)) expect(KEY_TABLE).toContain(b);
      const help = helpSections().flatMap((s) => s.rows.map((r) => r.does));
      for (const b of KEY_TABLE) expect(help).toContain(b.does);
      expect(help).toContain(w('key.demo.toggle-card.does'));
    } finally {
      setLanguage('fr');
    }
  });
});

describe('key decoder', () => {
  it('splits a burst of digits into one press per digit, Enter and Backspace included', () => {
    expect(decodeInput('12345678', noKey)).toEqual('12345678'.split('').map(char));
    expect(decodeInput('1234\r', noKey)).toEqual([...'1234'.split('').map(char), { kind: 'enter' }]);
    expect(decodeInput('12\u007f3', noKey)).toEqual([char('1'), char('2'), { kind: 'backspace' }, char('3')]);
  });

  it("reads Ink's named keys", () => {
    expect(decodeInput('', { ...noKey, delete: true })).toEqual([{ kind: 'backspace' }]);
    expect(decodeInput('', { ...noKey, tab: true, shift: true })).toEqual([{ kind: 'shift-tab' }]);
    expect(decodeInput('c', { ...noKey, ctrl: true })).toEqual([{ kind: 'ctrl-c' }]);
    expect(decodeInput('', { ...noKey, escape: true, meta: true })).toEqual([{ kind: 'escape' }]);
    expect(decodeInput('', { ...noKey, pageDown: true })).toEqual([{ kind: 'page-down' }]);
    // Esc and q in one chunk: Ink reports Alt+q; it is Esc, then q.
    expect(decodeInput('q', { ...noKey, meta: true })).toEqual([{ kind: 'escape' }, char('q')]);
  });
});
