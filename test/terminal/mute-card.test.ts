// Issue 18 point 3, through a real pcscd: a card that stops answering (vpcd then waits with no
// end, and pcscd's SCardTransmit with it) never holds the tool. Before, the main thread waited in
// the binding's CardReader::Close behind the stuck transmit: Ctrl-C left the full screen frozen
// for minutes, and `report` printed its report and never exited. The card's I/O now lives in a
// process of its own (src/card/transport/pcsc-process.ts), killed when it is stuck.

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pcscdSeesCards, useBench } from '../support/bench.js';
import { VPCD_READERS } from '../support/pcscd.js';
import { fillUnblock, openUnblock } from '../support/pty-build.js';
import type { PtySession } from '../support/pty.js';

const bench = useBench({ quickack: true });

/** The promise of the README: every way of quitting gives the terminal back within 5 s. */
const QUIT_BOUND_MS = 5_000;

const WAYS: { way: string; quit: (s: PtySession) => void }[] = [
  { way: 'q', quit: (s) => s.write('q') },
  { way: 'Ctrl-C', quit: (s) => s.write('\u0003') },
  { way: 'SIGTERM', quit: (s) => s.kill('SIGTERM') },
  { way: 'SIGHUP', quit: (s) => s.kill('SIGHUP') },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function quitWithin(s: PtySession, quit: (s: PtySession) => void, label: string, boundMs = QUIT_BOUND_MS): Promise<number> {
  const t0 = performance.now();
  quit(s);
  const exit = await s.waitForExit(boundMs);
  const ms = performance.now() - t0;
  expect(s.onAlternateBuffer()).toBe(false);
  process.stdout.write(`\n${label} : sortie en ${Math.round(ms)} ms, code ${exit.exitCode}\n`);
  return exit.exitCode;
}

/** Runs the built tool without a terminal; resolves with its exit code, or undefined if it never ends. */
function runTool(args: readonly string[], boundMs: number): Promise<{ code: number | null; out: string } | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bench.bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(undefined);
    }, boundMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('a card that goes mute during a read (issue 18 point 3)', () => {
  it.each(WAYS)('$way restores the terminal and exits within 5 s', async ({ way, quit }) => {
    const card = bench.card('seed', 0, undefined, ['--quirk', 'mute-during-read']);
    await card.sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const s = bench.tool();
    await s.waitForText(/Lecteur|Reader/, 20_000);
    await sleep(2_000); // the read is stuck at its 5th READ BINARY, well before this
    await quitWithin(s, quit, `carte muette pendant la lecture, ${way}`);
  });

  it.each(['report', 'diagnose'])(
    '`%s` ends, the card read said unfinished',
    async (verb) => {
      const card = bench.card('seed', 0, undefined, ['--quirk', 'mute-during-read']);
      await card.sim.waitFor('insérée');
      // pcscd sees the card before the tool starts: else the tool finds an empty reader (exit 31,
      // or 0 for diagnose) and never meets the mute card.
      await pcscdSeesCards([VPCD_READERS[0]]);
      const t0 = performance.now();
      // Each exchange is bounded at 15 s (the card service); then the tool must end.
      const ended = await runTool([verb], 25_000);
      expect(ended, `${verb} ne se termine pas`).toBeDefined();
      expect(ended?.code).not.toBe(0);
      expect(ended?.code, 'the card was read (not an empty reader)').not.toBe(31);
      process.stdout.write(
        `\n${verb}, carte muette pendant la lecture : fin en ${Math.round(performance.now() - t0)} ms, code ${ended?.code}\n`,
      );
    },
    40_000,
  );
});

describe('a card that goes mute after the VERIFY of an unblock', () => {
  it('Ctrl-C waits for the exchange within the bound, then restores the terminal and exits', async () => {
    const card = bench.card('seed', 0, undefined, ['--quirk', 'mute-after-verify']);
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    await s.waitForText('Verrouillé', 30_000);
    await openUnblock(s);
    await fillUnblock(s, '12345678', '4321');
    s.write('\r');
    await s.waitForText(/Envoi en cours|Opération en cours/, 5_000);
    await sleep(500); // the VERIFY went, its answer never comes
    const code = await quitWithin(s, (x) => x.write('\u0003'), 'carte muette après le VERIFY du déblocage, Ctrl-C');
    // The operation's end never came: "still running at exit" (43), never a success.
    expect(code).toBe(43);
    const after = s.output().slice(s.output().lastIndexOf('\u001b[?1049l'));
    expect(after).toMatch(/encore en cours|still running/);
  });
});

describe('a card that answers in 8 s', () => {
  it.each(WAYS)('$way during its read does not wait for its answer', async ({ way, quit }) => {
    const card = bench.card('seed', 0, undefined, ['--real-speed', '--card-ms', '8000']);
    await card.sim.waitFor('insérée');
    await pcscdSeesCards([VPCD_READERS[0]]);
    const s = bench.tool();
    await s.waitForText(/Lecteur|Reader/, 20_000);
    await sleep(1_000); // its first command is out, its answer 7 s away
    await quitWithin(s, quit, `carte qui répond en 8 s, ${way}`);
  });
});
