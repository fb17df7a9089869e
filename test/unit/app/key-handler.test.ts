// The one key handler (issue 19): the full screen and the accessible mode both hand it a decoded
// key and where the user is; it sends the machine's event or asks for the app's action. Run here
// against the real machine over an in-process simulated card, with real files for the save.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { editKeyOf, pressKey, screenMode, type KeyEffects, type KeyScreen, type SaveState } from '../../../src/app/tui/key-handler.js';
import type { KeyPress } from '../../../src/app/tui/keys.js';
import { createAudit } from '../../../src/app/wiring.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { setLanguage } from '../../../src/i18n/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ch = (c: string): KeyPress => ({ kind: 'char', char: c });
const ctrl = (c: string): KeyPress => ({ kind: 'ctrl', char: c });

/** The app around the handler: what the runtimes keep (the save dialog, the certificates' message) and what was asked. */
function rig(cwd: string) {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, createFixtureCard('cps3-rpps'));
  const actor = createAudit(transport);
  actor.start();
  const asked: string[] = [];
  let save: SaveState | undefined;
  let exported = false;
  const fx: KeyEffects = {
    send: (e) => actor.send(e),
    quit: () => asked.push('quit'),
    toggleCard: () => asked.push('toggle-card'),
    scroll: (i) => asked.push(i),
    setSave: (next) => (save = next),
    exportCerts: () => ((exported = true), asked.push('export')),
    closeExported: () => (exported = false),
  };
  const screen = (): KeyScreen => ({ view: actor.getSnapshot(), demo: true, save, exported });
  const press = (...keys: KeyPress[]) => {
    for (const k of keys) pressKey(k, screen(), fx, { version: '9.9.9', cwd, now: () => new Date('2026-12-07T10:00:00Z') });
  };
  return {
    actor,
    asked,
    press,
    get save() {
      return save;
    },
    ready: () => waitFor(actor, (s) => s.matches({ card: { rest: 'complete' } }), { timeout: 10_000 }),
    stop: async () => {
      actor.stop();
      await transport.close();
    },
  };
}

describe('the one key handler', () => {
  let r: ReturnType<typeof rig>;
  let cwd: string;
  beforeEach(async () => {
    setLanguage('fr');
    cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    r = rig(cwd);
    await r.ready();
  });
  afterEach(() => r.stop());

  it('tabs by 1 2 3 and ← →, help by ? and F1, closed by Échap; q quits', () => {
    r.press(ch('3'));
    expect(r.actor.getSnapshot().context.tab).toBe('certificates');
    r.press(ch('1'), { kind: 'right' });
    expect(r.actor.getSnapshot().context.tab).toBe('situations');
    r.press({ kind: 'left' });
    expect(r.actor.getSnapshot().context.tab).toBe('info');
    for (const help of [ch('?'), { kind: 'f1' } as const]) {
      r.press(help);
      expect(r.actor.getSnapshot().context.helpOpen).toBe(true);
      r.press({ kind: 'escape' });
      expect(r.actor.getSnapshot().context.helpOpen).toBe(false);
    }
    r.press(ch('q'));
    expect(r.asked).toEqual(['quit']);
  });

  it('s opens the save dialog with its name; Ctrl-U clears it in one key; a name typed; Enter saves new files 0600', () => {
    r.press(ch('s'));
    expect(r.save?.line.text).toBe('cps-audit-99104417-2026-12-07.txt');
    expect(screenMode({ view: r.actor.getSnapshot(), demo: true, save: r.save, exported: false }).view).toBe('save');
    r.press(ctrl('u'));
    expect(r.save?.line).toEqual({ text: '', cursor: 0 });
    // q and ? are letters of a name here, never the help nor a way out.
    for (const c of 'q?rapport.txt') r.press(ch(c));
    r.press(ctrl('a'), { kind: 'delete' }, { kind: 'delete' }, ctrl('e'), ctrl('w'));
    expect(r.save?.line.text).toBe('');
    for (const c of 'mon rapport.txt') r.press(ch(c));
    r.press(ctrl('w'));
    expect(r.save?.line.text).toBe('mon ');
    r.press(ctrl('k'), { kind: 'home' }, ctrl('k'));
    for (const c of 'rapport.txt') r.press(ch(c));
    expect(r.asked).toEqual([]);
    expect(r.actor.getSnapshot().context.helpOpen).toBe(false);
    r.press({ kind: 'enter' });
    expect(r.save?.step).toBe('done');
    expect(fs.readdirSync(cwd).sort()).toEqual(['rapport.json', 'rapport.txt']);
    expect(fs.statSync(path.join(cwd, 'rapport.txt')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(cwd, 'rapport.txt'), 'utf8')).toContain('99104417');
    r.press({ kind: 'enter' });
    expect(r.save).toBeUndefined();
  });

  it('an existing file: asked before replacing; n keeps it, o replaces it; Ctrl-C quits from the dialog', () => {
    fs.writeFileSync(path.join(cwd, 'r.txt'), 'notes\n');
    r.press(ch('s'), ctrl('u'), ch('r'), ch('.'), ch('t'), ch('x'), ch('t'), { kind: 'enter' });
    expect(r.save?.step).toBe('confirm');
    r.press(ch('n'));
    expect(r.save?.step).toBe('edit');
    expect(fs.readFileSync(path.join(cwd, 'r.txt'), 'utf8')).toBe('notes\n');
    r.press({ kind: 'enter' }, ch('o'));
    expect(r.save?.step).toBe('done');
    expect(fs.readFileSync(path.join(cwd, 'r.txt'), 'utf8')).toContain('99104417');
    r.press({ kind: 'ctrl-c' });
    expect(r.asked).toEqual(['quit']);
  });

  it('an empty name is said and the dialog stays, the name kept', () => {
    r.press(ch('s'), ctrl('u'), { kind: 'enter' });
    expect(r.save?.step).toBe('edit');
    expect(r.save?.error).toMatch(/\S/);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});

describe('editing keys', () => {
  it('are those of a shell; other keys are not editing keys', () => {
    expect(['a', 'e', 'u', 'k', 'w', 'h', 'd', 'b', 'f'].map((c) => editKeyOf(ctrl(c)))).toEqual([
      'start',
      'end',
      'kill-before',
      'kill-after',
      'kill-word',
      'erase-before',
      'erase-at',
      'left',
      'right',
    ]);
    expect(editKeyOf(ch('u'))).toBeUndefined();
    expect(editKeyOf({ kind: 'enter' })).toBeUndefined();
  });
});
