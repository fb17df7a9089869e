// The bench of the terminal and fault tests (test/terminal): the built tool in a real pseudo-terminal (80×24), a
// private pcscd with vpcd (test/support/pcscd.ts), and `cps-audit simulate` from the same bundle
// as the card, each a real process. Waits poll the screen or the process output with a bound.
//
// One pcscd per machine: on a machine shared with other runs (or a developer's own pcscd), run
// these files in a private mount and network namespace, with its own TMPDIR for the harness's
// pid file (as root):
//   unshare --mount --net --fork sh -c 'mount -t tmpfs tmpfs /run/pcscd && ip link set lo up &&
//     TMPDIR=$(mktemp -d) npx vitest run --project terminal test/terminal/faults-'

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, afterEach, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFixtureCard, type FixtureName } from '../../src/card/simulator/fixtures.js';
import type { CardSnapshot } from '../../src/card/simulator/memory.js';
import { createPcscTransport } from '../../src/card/transport/pcsc.js';
import type { ReaderState } from '../../src/card/transport/transport.js';
import { startPcscd, VPCD_PORTS, VPCD_READERS, type Pcscd, type PcscdOptions } from './pcscd.js';
import { spawnSimulate, type SimulateProcess } from './pcscd-simulate.js';
import { until } from './pcscd-wait.js';
import { ensureBuilt, root, startTool, type ToolOptions } from './pty-build.js';
import { endSession, showScreen, type PtySession } from './pty.js';

export { until };

/**
 * One bench for a test file: started before its tests (pcscd, the built tool), cleared after
 * each test (its terminals and simulated cards), disposed after the file.
 */
export function useBench(options: PcscdOptions = { quickack: true }): Bench {
  let bench: Bench | undefined;
  beforeAll(async () => {
    bench = await startBench(options);
  }, 120_000);
  afterEach(async () => {
    await bench?.clear();
  });
  afterAll(async () => {
    await bench?.dispose();
  });
  // The bench as the tests use it, though it only exists once beforeAll has run.
  return new Proxy({} as Bench, {
    get(_, prop) {
      if (!bench) throw new Error('le banc de test n’a pas démarré');
      const v: unknown = Reflect.get(bench, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(bench) : v;
    },
  });
}

export interface Bench {
  readonly bundle: string;
  pcscd: Pcscd;
  /**
   * A simulated card in vpcd's reader 0 (port 35963) or 1 (35964), its memory kept in a file;
   * `change` edits the fixture's codes and counters before the card is inserted.
   */
  card(fixture: FixtureName, reader?: 0 | 1, change?: (m: CardSnapshot) => CardSnapshot, extra?: readonly string[]): Card;
  /** The built tool in a pty; `options.env`: extra variables (TERM=dumb for the accessible mode). */
  tool(args?: readonly string[], options?: ToolOptions): PtySession;
  /** Prints the screen, for the record of the run. */
  show(title: string, s: PtySession): void;
  /** Ends the tools and cards started so far (between tests). */
  clear(): Promise<void>;
  /** Ends every process this bench started, and pcscd. */
  dispose(): Promise<void>;
}

export interface Card {
  readonly sim: SimulateProcess;
  /** The card's codes and counters as the simulator last saved them. */
  memory(): { pin: { code: string; triesLeft: number }; puk: { triesLeft: number; unblocksLeft: number } };
  remove(): Promise<void>;
  insert(): Promise<void>;
  /** Arms `remove-after n`: the card will leave during the n-th next APDU (run, not answered). */
  armRemoval(n: number): Promise<void>;
  /** Resolves once the armed removal happened. */
  pulled(): Promise<void>;
}

export async function startBench(options: PcscdOptions = {}): Promise<Bench> {
  const bundle = ensureBuilt();
  process.env.CPS_AUDIT_BIN = path.relative(root, bundle); // simulate from the same bundle
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-faults-'));
  const pcscd = await startPcscd(options);
  const sims: { sim: SimulateProcess; reader: string }[] = [];
  const ttys: PtySession[] = [];
  let cards = 0;
  const clear = async () => {
    // The tools first, and their end awaited: a card removed while a client still holds a
    // connection to it leaves vpcd's reader blind to the next card (the second fault of Debian's
    // vpcd 3.3 in the README), so the next test's card would go unseen.
    await Promise.all(ttys.splice(0).map(endSession));
    const ended = sims.splice(0);
    for (const { sim } of ended) await sim.stop();
    // And pcscd seeing those readers empty: a card of the next test plugged in within one of
    // vpcd's presence polls would otherwise pass for the card just removed (same ATR, stale handle).
    if (ended.length > 0) await pcscdSeesNoCard([...new Set(ended.map((e) => e.reader))]);
  };
  return {
    bundle,
    pcscd,
    card(fixture, reader = 0, change, extra = []) {
      const state = path.join(dir, `${++cards}-${fixture}.json`); // a fresh card each time
      if (change) fs.writeFileSync(state, JSON.stringify(change(createFixtureCard(fixture).snapshot()!)), { mode: 0o600 });
      const sim = spawnSimulate(['--card', fixture, '--port', String(VPCD_PORTS[reader]), '--state', state, ...extra]);
      sims.push({ sim, reader: VPCD_READERS[reader] });
      let inserted = 1;
      let removed = 0;
      let armed = 0;
      return {
        sim,
        memory: () => JSON.parse(fs.readFileSync(state, 'utf8')),
        async remove() {
          sim.send('remove');
          await sim.waitFor('retirée', ++removed);
        },
        async insert() {
          sim.send('insert');
          await sim.waitFor('insérée', ++inserted);
        },
        async armRemoval(n) {
          sim.send(`remove-after ${n}`);
          await sim.waitFor('Retrait prévu', ++armed);
        },
        async pulled() {
          await sim.waitFor('retirée', ++removed);
        },
      };
    },
    tool(args = [], options = {}) {
      const s = startTool(bundle, args, options);
      ttys.push(s);
      return s;
    },
    show: showScreen,
    clear,
    async dispose() {
      await clear();
      await pcscd.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Another application through the same pcscd: `node -e script` with the pcsclite binding at hand.
 * `wait(text)` waits until its output holds `text`, and fails at once if it quits first.
 */
export function pcscProgram(script: string, who: string): { child: ChildProcessWithoutNullStreams; wait: (text: string) => Promise<void> } {
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const wait = async (text: string) => {
    await until(
      () => out.includes(text) || (child.exitCode !== null && Promise.reject(new Error(`${who} a quitté : ${out}`))),
      20_000,
      `« ${text} » de ${who} (${out})`,
    );
  };
  return { child, wait };
}

/** A program that holds the card of `reader` exclusively until it reads a line, as another application would. */
export function holdExclusively(reader: string): { child: ChildProcessWithoutNullStreams; held: Promise<void>; release(): Promise<void> } {
  const script = `
    const pcsc = require('pcsclite')();
    pcsc.on('reader', (r) => {
      if (r.name !== ${JSON.stringify(reader)}) return;
      let connected = false;
      r.on('status', (s) => {
        if (connected || !(s.state & r.SCARD_STATE_PRESENT)) return;
        connected = true;
        r.connect({ share_mode: r.SCARD_SHARE_EXCLUSIVE }, (err) => {
          if (err) { console.log('erreur ' + err.message); process.exit(3); }
          console.log('tenue');
          process.stdin.once('data', () => r.disconnect(r.SCARD_LEAVE_CARD, () => { console.log('libérée'); r.close(); pcsc.close(); process.exit(0); }));
        });
      });
    });
    pcsc.on('error', (e) => { console.log('erreur ' + e.message); process.exit(4); });
  `;
  const { child, wait } = pcscProgram(script, 'le programme qui tient la carte');
  return {
    child,
    held: wait('tenue').then(() => undefined),
    async release() {
      child.stdin.write('go\n');
      await wait('libérée');
    },
  };
}

/** Waits until pcscd itself sees a card in each of `readers` (vpcd polls about every 400 ms). */
export async function pcscdSeesCards(readers: readonly string[]): Promise<void> {
  await pcscdSees(readers, true, `une carte vue par pcscd dans ${readers.join(', ')}`);
}

/** Waits until pcscd itself sees each of `readers` empty. */
export async function pcscdSeesNoCard(readers: readonly string[]): Promise<void> {
  await pcscdSees(readers, false, `${readers.join(', ')} vide(s) pour pcscd`);
}

async function pcscdSees(readers: readonly string[], card: boolean, what: string): Promise<void> {
  const transport = createPcscTransport();
  let seen: readonly ReaderState[] | undefined;
  let down = false;
  transport.watch((e) => {
    if (e.type === 'readers') seen = e.readers;
    else down = e.service.status === 'down';
  });
  // A reader pcscd does not list, or pcscd away, holds no card anyone could see.
  const holds = (name: string) => seen!.some((r) => r.name === name && r.atr !== undefined);
  try {
    await until(
      () => (card ? seen !== undefined && readers.every(holds) : down || (seen !== undefined && !readers.some(holds))),
      20_000,
      what,
    );
  } finally {
    await transport.close();
  }
}
