// Issue 20, end to end: the built tool in a real terminal, through a private pcscd holding the
// test reader with a keypad (test/pinpad-reader), the seed card behind it (`cps-audit simulate
// --port`). The holder unblocks, reads the situations and changes the PIN with every code typed
// on the reader's keypad; the tool's process memory, its command line, the screen and its
// --trace file never hold any of the codes (the detector of test/support/secrets-detector.ts),
// and the card's memory proves they were used.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureCard } from '../../src/card/simulator/fixtures.js';
import { useBench } from '../support/bench.js';
import { Keypad, PINPAD_PORTS } from '../support/pinpad-reader.js';
import { spawnSimulate, type SimulateProcess } from '../support/pcscd-simulate.js';
import { findCode, leaks } from '../support/secrets-detector.js';
import { inMemory } from '../support/memory-scan.js';

const PUK = '13579135';
const PIN = '2468';
const PIN2 = '8642';

const keypad = new Keypad();
const bench = useBench({ quickack: true, pinpad: [{ port: PINPAD_PORTS[0], keypad: keypad.path }] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-pinpad-e2e-'));
let sim: SimulateProcess | undefined;

beforeAll(async () => {
  await keypad.listen();
});
afterAll(async () => {
  await sim?.stop();
  await keypad.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('codes typed on the reader’s keypad, in the built tool', () => {
  it('unblock, situations, change: every code on the keypad, none in the tool’s memory, screen or trace', async () => {
    const state = path.join(dir, 'seed.json');
    const snap = createFixtureCard('seed').snapshot()!;
    fs.writeFileSync(state, JSON.stringify({ ...snap, puk: { ...snap.puk, code: PUK } }), { mode: 0o600 });
    sim = spawnSimulate(['--card', 'seed', '--port', String(PINPAD_PORTS[0]), '--state', state]);
    await sim.waitFor('insérée');
    const trace = path.join(dir, 'trace.txt');
    const s = bench.tool(['--trace', trace]);
    const memory = () => JSON.parse(fs.readFileSync(state, 'utf8')) as { pin: { code: string; triesLeft: number } };

    await s.waitForText('Verrouillé', 30_000);
    s.write('d');
    await s.waitForText('⌨ sur le lecteur');
    await s.waitForText(/se tapent sur le lecteur/);
    keypad.answer(`${PUK}O`, `${PIN}O`, `${PIN}O`);
    s.write('\r');
    await s.waitForText('débloqué avec succès', 20_000);
    expect(keypad.prompts.map((p) => p.entry)).toEqual(['verify', 'new', 'confirm']);
    expect(memory().pin).toEqual({ code: PIN, triesLeft: 3 });
    const reinsert = async (n: number) => {
      sim!.send('remove');
      await sim!.waitFor('retirée', n);
      sim!.send('insert');
      await sim!.waitFor('insérée', n + 1);
      await s.waitForText('OK (3 essais sur 3)', 30_000);
    };
    await reinsert(1);
    // The situations: the PIN on the keypad; the form's button takes Enter at once.
    s.write('2');
    s.write('\r');
    await s.waitForText('⌨ sur le lecteur');
    keypad.answer(`${PIN}O`);
    s.write('\r');
    expect(await keypad.doneCount(2, 20_000)).toBe('9000');
    await s.waitForNoText('⌨ sur le lecteur', 20_000);
    // The change: the current PIN and the new one twice, on the keypad.
    s.write('1');
    s.write('c');
    await s.waitForText('⌨ sur le lecteur');
    keypad.answer(`${PIN}O`, `${PIN2}O`, `${PIN2}O`);
    s.write('\r');
    await s.waitForText('changé avec succès', 20_000);
    expect(memory().pin).toEqual({ code: PIN2, triesLeft: 3 });
    expect(keypad.prompts.map((p) => p.entry)).toEqual(['verify', 'new', 'confirm', 'verify', 'old', 'new', 'confirm']);

    // The process's memory, command line, environment and screen: none of the codes.
    const codes = [PUK, PIN, PIN2];
    const block = (pin: string) => Buffer.from(`${pin}\xff\xff\xff\xff`, 'latin1');
    const needles = [Buffer.from(PUK, 'ascii'), block(PIN), block(PIN2), Buffer.from('CPS-Audit Pinpad', 'ascii')];
    const [puk, pinBlock, pin2Block, control] = inMemory(s.pid, needles);
    expect(control, 'le contrôle (le nom du lecteur) doit être trouvé : la recherche fonctionne').toBe(true);
    expect({ puk, pinBlock, pin2Block }).toEqual({ puk: false, pinBlock: false, pin2Block: false });
    const proc = (f: string) => fs.readFileSync(`/proc/${s.pid}/${f}`).toString('latin1').replaceAll('\0', ' ');
    expect([
      ...leaks('écran', s.screenText(), codes),
      ...leaks('cmdline', proc('cmdline'), codes),
      ...leaks('environ', proc('environ'), codes),
    ]).toEqual([]);
    // The trace shows the keypad's commands, never a code.
    const traced = fs.readFileSync(trace, 'utf8');
    expect(traced).toMatch(/00 20 00 02 08 \*\* \*\*/);
    for (const c of codes) expect(findCode(traced, c), c).toBeNull();
    for (const c of codes) expect(findCode(s.output(), c), c).toBeNull();
  });
});
