// The state file (issue 18): an unblock cut short mid-write on a CPS4 survives the process that
// saw it. Written at once (0600, no code, serial and kinds only), read back by the next run,
// whose machine then offers the unblock again on that card (though its PIN is not blocked), and
// forgotten once an unblock succeeds there. The real card service, the in-process transport and
// the cps4 simulator.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor, type Actor } from 'xstate';
import { createAudit } from '../../../src/app/wiring.js';
import { keepLastRun, lastRunLines, LAST_RUN_FILE, readLastRun, recordFor, writeLastRun, type LastRun } from '../../../src/app/last-run.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard, type SimulatedCard } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';
import { digitsEvent } from '../../../src/machine/events.js';
import type { AuditMachine } from '../../../src/machine/machine.js';
import { unblockResumeHint } from '../../../src/view/words.js';
import { leaks } from '../../support/secrets-detector.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-last-run-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => {
  const d = path.join(root, String(++dirs));
  fs.mkdirSync(d, { mode: 0o700 });
  return d;
};

const PUK = '12345678';
const NEW_PIN = '2468';
const SERIAL = '99410026';

function session(card: SimulatedCard, unblockInterrupted?: string) {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, card);
  const commands: string[] = [];
  const cards = createCardService(transport, { onTrace: (e) => commands.push(e.command) });
  const actor: Actor<AuditMachine> = createAudit(transport, undefined, cards, { unblockInterrupted });
  actor.start();
  const until = (p: (s: ReturnType<typeof actor.getSnapshot>) => boolean) => waitFor(actor, p, { timeout: 5000 });
  const unblock = async (fault?: { at: number }) => {
    await until((s) => s.can({ type: 'OPEN_UNBLOCK' }));
    actor.send({ type: 'OPEN_UNBLOCK' });
    await until((s) => s.matches({ card: { view: { unblock: 'entering' } } }));
    for (const part of [PUK, NEW_PIN, NEW_PIN]) {
      for (const ch of part) actor.send(digitsEvent(ch));
      actor.send({ type: 'NEXT_FIELD' });
    }
    commands.length = 0;
    if (fault) transport.injectFault({ kind: 'remove-card', executed: true, at: fault.at });
    actor.send({ type: 'SUBMIT' });
  };
  return { transport, actor, until, unblock, commands };
}

/** Where the 2C 03 falls in a CPS4 unblock, counted from its first APDU (as test/unit/machine/resume-unblock.test.ts). */
async function resetAt(): Promise<number> {
  const transport = new InProcessTransport();
  transport.insert(DEFAULT_READER, createFixtureCard('cps4'));
  const commands: string[] = [];
  const service = createCardService(transport, { onTrace: (t) => commands.push(t.command) });
  await service.read(DEFAULT_READER);
  commands.length = 0;
  await service.unblockPin(DEFAULT_READER, PUK, NEW_PIN);
  await transport.close();
  return commands.findIndex((c) => c.startsWith('01 2C 03')) + 1;
}

describe('the state file', () => {
  it('is written as a new file, 0600, and read back; a record not of ours is ignored', () => {
    const dir = freshDir();
    const r: LastRun = {
      version: 1,
      serial: SERIAL,
      op: 'unblock',
      outcome: 'done',
      resume: false,
      terminalLost: true,
      at: '2026-12-07T12:00:00.000Z',
    };
    expect(writeLastRun(dir, r)).toBe(true);
    const file = path.join(dir, LAST_RUN_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readLastRun(dir)).toEqual(r);
    expect(lastRunLines(r).join(' ')).toContain('le terminal a été fermé pendant le déblocage');

    fs.writeFileSync(file, '{"version":1,"serial":"x"}');
    expect(readLastRun(dir)).toBeUndefined();
    fs.unlinkSync(file);
    const elsewhere = path.join(root, 'elsewhere.json');
    fs.writeFileSync(elsewhere, JSON.stringify(r));
    fs.symlinkSync(elsewhere, file);
    expect(readLastRun(dir)).toBeUndefined();
  });

  it('records only what the next run must know: an operation lost with its terminal, or an unblock to resume', () => {
    const done = { kind: 'done', op: 'unblock' } as const;
    expect(recordFor(SERIAL, done, false, false)).toBeUndefined();
    expect(recordFor(SERIAL, done, true, false)).toMatchObject({ serial: SERIAL, op: 'unblock', outcome: 'done', terminalLost: true });
    expect(recordFor(SERIAL, { kind: 'done', op: 'situations' }, true, false)).toBeUndefined();
    expect(recordFor(undefined, done, true, false)).toBeUndefined();
  });

  it('keeps a CPS4 unblock cut after 2C 03 for the next run, which offers the unblock again on that card, until it succeeds', async () => {
    const dir = freshDir();
    const card = createFixtureCard('cps4');

    // First run: the card leaves right after it ran the RESET RETRY COUNTER.
    const first = session(card);
    const keeper = keepLastRun(first.actor, dir, undefined);
    await first.until((s) => s.matches({ card: { codes: 'pinBlocked' } }));
    await first.unblock({ at: await resetAt() });
    await first.until((s) => s.context.unblockInterrupted === SERIAL);
    expect(card.snapshot()!.pin.triesLeft).toBe(3);
    // Written at once: a crash from here on keeps it.
    const kept = readLastRun(dir);
    expect(kept).toMatchObject({ serial: SERIAL, op: 'unblock', resume: true });
    const text = fs.readFileSync(path.join(dir, LAST_RUN_FILE), 'utf8');
    expect(leaks('le fichier d’état', text, [PUK, NEW_PIN, '1234'])).toEqual([]);
    expect(fs.statSync(path.join(dir, LAST_RUN_FILE)).mode & 0o777).toBe(0o600);
    keeper.leave(undefined, false);
    first.actor.stop();
    await first.transport.close();

    // Second run (a new process would read the same file): the unblock is offered though the PIN is not blocked.
    const again = readLastRun(dir)!;
    const second = session(card, again.resume ? again.serial : undefined);
    const keeper2 = keepLastRun(second.actor, dir, again);
    const shown = await second.until((s) => s.matches({ card: { codes: 'pinOk' } }) && s.matches({ card: { view: 'browsing' } }));
    expect(shown.can({ type: 'OPEN_UNBLOCK' })).toBe(true);
    expect(unblockResumeHint(shown.context)).toBeDefined();
    await second.unblock();
    await second.until((s) => s.matches('done'));
    expect(card.snapshot()!.pin).toEqual({ code: NEW_PIN, triesLeft: 3 });
    keeper2.leave({ kind: 'done', op: 'unblock' }, false);
    expect(readLastRun(dir)).toBeUndefined();
    second.actor.stop();
    await second.transport.close();

    // Without the record, the same card (PIN not blocked) is offered only the change.
    const third = session(card);
    const plain = await third.until((s) => s.matches({ card: { codes: 'pinOk' } }) && s.matches({ card: { view: 'browsing' } }));
    expect(plain.can({ type: 'OPEN_UNBLOCK' })).toBe(false);
    third.actor.stop();
    await third.transport.close();
  });
});
