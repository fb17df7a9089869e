// `cps-audit simulate` as a child process, seen through the real pcscd by the PC/SC transport.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../src/card/bytes.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { spawnSimulate, type SimulateProcess } from '../support/pcscd-simulate.js';
import { until } from '../support/pcscd-wait.js';
import { usePcscdTransport } from '../support/pcscd-transport.js';

const kit = usePcscdTransport();

const CPS3_ATR = '3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00';
const READER = VPCD_READERS[0];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-sim-'));
const atr = () => kit.atr(READER);

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The PUK's tries left, read with an empty VERIFY (spends nothing). */
async function pukTriesLeft(): Promise<number> {
  const c = await kit.transport.connect(READER, 'shared');
  try {
    const sw = await c.transmit(fromHex('00 20 00 02'));
    expect(sw[0]).toBe(0x63);
    return sw[1]! & 0x0f;
  } finally {
    await c.disconnect('reset');
  }
}

async function presentWrongPuk(): Promise<void> {
  const c = await kit.transport.connect(READER, 'exclusive');
  try {
    // 8 ASCII digits, the simulated PUK's block (profile.ts); "00000000" is not the test PUK.
    const sw = await c.transmit(fromHex('00 20 00 02 08 30 30 30 30 30 30 30 30'));
    expect(hex(sw)).toMatch(/^63 C/);
  } finally {
    await c.disconnect('reset');
  }
}

/** `remove`, then `insert`, on the simulator's stdin (its first card pulled and put back), each seen by pcscd. */
async function removeAndInsert(sim: SimulateProcess): Promise<void> {
  sim.send('remove');
  await sim.waitFor('retirée');
  // vpcd polls about every 400 ms: wait until pcscd saw the removal before reinserting.
  await until(() => kit.readers().length === 2 && atr() === undefined, 10_000, 'card gone');
  sim.send('insert');
  await sim.waitFor('insérée', 2);
  await until(() => atr() === CPS3_ATR, 10_000, 'card back');
}

describe('cps-audit simulate through pcscd', () => {
  let sim: SimulateProcess | undefined;
  afterAll(async () => {
    await sim?.stop();
  });

  it('inserts the card at start, removes and reinserts it on stdin and on SIGUSR1', async () => {
    sim = spawnSimulate(['--card', 'seed']);
    await sim.waitFor('insérée');
    await until(() => atr() === CPS3_ATR, 10_000, 'seed ATR in the reader');
    await removeAndInsert(sim);
    sim.child.kill('SIGUSR1');
    await sim.waitFor('retirée', 2);
    await until(() => atr() === undefined, 10_000, 'card gone (SIGUSR1)');
    sim.child.kill('SIGUSR1');
    await sim.waitFor('insérée', 3);
    await until(() => atr() === CPS3_ATR, 10_000, 'card back (SIGUSR1)');
    expect(await sim.stop()).toBe(0);
    expect(sim.stdout()).toContain('Fin de la simulation');
    await until(() => atr() === undefined, 10_000, 'card gone at exit');
    sim = undefined;
  });

  it('keeps the card memory across removal, and across runs with --state', async () => {
    const state = path.join(dir, 'seed.json');
    sim = spawnSimulate(['--card', 'seed', '--state', state]);
    await sim.waitFor('insérée');
    await until(() => atr() === CPS3_ATR, 10_000, 'seed ATR');
    expect(await pukTriesLeft()).toBe(10);
    await presentWrongPuk();
    expect(await pukTriesLeft()).toBe(9);
    await removeAndInsert(sim);
    expect(await pukTriesLeft()).toBe(9);
    await until(() => JSON.parse(fs.readFileSync(state, 'utf8')).puk?.triesLeft === 9, 5000, 'state saved');
    expect(fs.statSync(state).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await sim.stop()).toBe(0);
    // The first run's card seen gone before the second run's comes: else the old ATR passes for the new card.
    await until(() => atr() === undefined, 10_000, 'card gone at exit');

    sim = spawnSimulate(['--card', 'seed', '--state', state]);
    await sim.waitFor('insérée');
    await until(() => atr() === CPS3_ATR, 10_000, 'seed ATR, second run');
    expect(await pukTriesLeft()).toBe(9);
    expect(await sim.stop()).toBe(0);
    sim = undefined;
  });

  it('refuses a state file of another card, and an unknown card, in French', async () => {
    const state = path.join(dir, 'seed.json');
    const other = spawnSimulate(['--card', 'cps3-rpps', '--state', state]);
    await until(() => other.child.exitCode !== null, 20_000, 'exit');
    expect(other.child.exitCode).toBe(1);
    expect(other.stderr()).toContain('celui de la carte « seed »');
    const unknown = spawnSimulate(['--card', 'nope']);
    await until(() => unknown.child.exitCode !== null, 20_000, 'exit');
    expect(unknown.child.exitCode).toBe(2);
    expect(unknown.stderr()).toContain('Carte simulée inconnue');
  });

  it('says vpcd is unreachable with the remedy, then inserts the card once pcscd is back', async () => {
    await kit.pcscd.stop();
    sim = spawnSimulate(['--card', 'seed']);
    await until(() => sim!.stderr().includes('injoignable'), 20_000, 'unreachable message');
    expect(sim.stderr()).toContain('apt-get install pcscd vsmartcard-vpcd');
    await kit.pcscd.start();
    await sim.waitFor('insérée');
    await until(() => atr() === CPS3_ATR, 15_000, 'ATR once pcscd is back');
    expect(await sim.stop()).toBe(0);
    sim = undefined;
  });
});
