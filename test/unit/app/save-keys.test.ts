// The save dialog's keys come from the one key table; its file rules from save-report.ts.

import { describe, expect, it } from 'vitest';
import { applyErasures } from '../../../src/app/tui/app.js';
import { helpSections, keyBar, resolveKey } from '../../../src/app/tui/keys.js';
import { defaultReportName, jsonBeside, resolveTyped } from '../../../src/app/save-report.js';
import { helpText } from '../../../src/app/cli/help-text.js';

describe('save dialog keys and names', () => {
  it('s on the card screen opens it; in the path field every printable key is text; Enter, Esc, o, n', () => {
    expect(resolveKey({ kind: 'char', char: 's' }, { view: 'card', demo: false, canSave: true })).toBe('open-save');
    expect(resolveKey({ kind: 'char', char: 's' }, { view: 'card', demo: false, canSave: false })).toBeUndefined();
    for (const c of ['q', '?', 's', '1', 'o']) expect(resolveKey({ kind: 'char', char: c }, { view: 'save', demo: false })).toBeUndefined();
    expect(resolveKey({ kind: 'enter' }, { view: 'save', demo: false })).toBe('save-submit');
    expect(resolveKey({ kind: 'escape' }, { view: 'save', demo: false })).toBe('save-cancel');
    expect(resolveKey({ kind: 'ctrl-c' }, { view: 'save', demo: false })).toBe('quit');
    expect(resolveKey({ kind: 'char', char: 'o' }, { view: 'save-confirm', demo: false })).toBe('save-replace');
    expect(resolveKey({ kind: 'char', char: 'n' }, { view: 'save-confirm', demo: false })).toBe('save-keep');
    expect(resolveKey({ kind: 'enter' }, { view: 'save-confirm', demo: false })).toBeUndefined();
    expect(keyBar({ view: 'card', demo: false, canSave: true }).map((i) => i.keys)).toContain('s');
    expect(keyBar({ view: 'save', demo: false }).map((i) => i.keys)).not.toContain('?');
    expect(
      helpSections()
        .flatMap((s) => s.rows)
        .some((r) => r.keys === 's'),
    ).toBe(true);
    expect(helpText('1')).toMatch(/^ {4}s {16}enregistre le rapport/m);
  });

  it('names: prefilled from the serial and the date, JSON beside, ~ and relative paths', () => {
    expect(defaultReportName(undefined, new Date('2026-12-01T10:00:00Z'))).toBe('cps-audit-inconnu-2026-12-01.txt');
    expect(jsonBeside('/a/b/r.txt')).toBe('/a/b/r.json');
    expect(jsonBeside('/a/b/r')).toBe('/a/b/r.json');
    expect(resolveTyped('r.txt', '/srv')).toBe('/srv/r.txt');
    expect(resolveTyped('/x/r.txt', '/srv')).toBe('/x/r.txt');
    expect(resolveTyped('~/r.txt', '/srv')).toMatch(/\/r\.txt$/);
  });

  it('a burst of Retour arrière erases; other control characters are dropped', () => {
    expect(applyErasures('abc\u007f\u007f')).toBe('a');
    // A bracketed paste's markers are not part of a name (issue 17).
    expect(applyErasures('/tmp/x\u001b[200~.txt')).toBe('/tmp/x.txt');
    expect(applyErasures('[200~/tmp/y.txt[201~')).toBe('/tmp/y.txt');
  });
});
