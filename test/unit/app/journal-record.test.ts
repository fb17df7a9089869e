// The interactive tool's operations reach the journal (journal-record.ts) as they land, with the
// tries before and after, on the simulated seed card through the real machine and card layer:
// a wrong PUK, then the right one; the codes typed never reach the file; a journal that cannot
// be written is said once and the unblock still goes through.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor as waitForSnapshot } from 'xstate';
import { journalAppender, recordOperations } from '../../../src/app/journal-record.js';
import { journalPath, readJournal } from '../../../src/app/commands/journal.js';
import { createAudit } from '../../../src/app/wiring.js';
import { createFixtureCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { digitsEvent } from '../../../src/machine/events.js';
import { setLanguage } from '../../../src/i18n/index.js';

let base: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  setLanguage('fr');
  base = mkdtempSync(path.join(os.tmpdir(), 'journal-rec-'));
  env = { XDG_STATE_HOME: base };
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

async function seed() {
  const transport = new InProcessTransport();
  const card = createFixtureCard('seed');
  transport.insert(DEFAULT_READER, card);
  const actor = createAudit(transport);
  return { actor, card };
}

function type(actor: Awaited<ReturnType<typeof seed>>['actor'], ...fields: string[]) {
  fields.forEach((f) => {
    for (const ch of f) actor.send(digitsEvent(ch));
    actor.send({ type: 'NEXT_FIELD' });
  });
}

async function unblock(actor: Awaited<ReturnType<typeof seed>>['actor'], puk: string) {
  if (!actor.getSnapshot().matches({ card: { view: { unblock: 'entering' } } })) actor.send({ type: 'OPEN_UNBLOCK' });
  await waitForSnapshot(actor, (s) => s.matches({ card: { view: { unblock: 'entering' } } }), { timeout: 5_000 });
  type(actor, puk, '4321', '4321');
  actor.send({ type: 'SUBMIT' });
}

describe('operations written to the journal', () => {
  it('a wrong PUK then the right one: two lines, tries before and after, no code', async () => {
    const { actor } = await seed();
    const rec = recordOperations(actor, journalAppender({ env, version: 't' }));
    actor.start();
    await waitForSnapshot(actor, (s) => s.matches('card'), { timeout: 5_000 });
    await unblock(actor, '87654321');
    await waitForSnapshot(actor, (s) => s.context.form?.error !== undefined, { timeout: 5_000 });
    await unblock(actor, '12345678');
    await waitForSnapshot(actor, (s) => s.matches('done'), { timeout: 5_000 });
    rec.close(actor.getSnapshot());
    actor.stop();
    expect(rec.failure()).toBeUndefined();
    const entries = readJournal({ env }).entries;
    expect(entries.map((e) => [e.operation, e.outcome, e.before, e.after])).toEqual([
      ['unblock', 'failed', { pin: 0, puk: 10 }, { pin: 0, puk: 9 }],
      // After a success the PIN is at its maximum; the PUK is not read again.
      ['unblock', 'done', { pin: 0, puk: 9 }, { pin: 3, puk: null }],
    ]);
    expect(entries[0]!.card).toEqual({ serial: '99002752', model: 'CPS3' });
    const raw = readFileSync(journalPath({ env }), 'utf8');
    for (const code of ['87654321', '12345678', '4321']) expect(raw).not.toContain(code);
  });

  it('a journal that cannot be written: said once, the unblock still done', async () => {
    const { actor, card } = await seed();
    // The state folder is a file: nothing can be written there.
    const blocked = { XDG_STATE_HOME: path.join(base, 'file') };
    (await import('node:fs')).writeFileSync(blocked.XDG_STATE_HOME, '');
    const rec = recordOperations(actor, journalAppender({ env: blocked, version: 't' }));
    actor.start();
    await waitForSnapshot(actor, (s) => s.matches('card'), { timeout: 5_000 });
    await unblock(actor, '12345678');
    await waitForSnapshot(actor, (s) => s.matches('done'), { timeout: 5_000 });
    rec.close(actor.getSnapshot());
    actor.stop();
    expect(rec.failure()).toMatch(/inutilisable/);
    void card;
  });
});
