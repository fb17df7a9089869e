// Issue 18, point 1, through a real pcscd: the terminal closed (the pty's master side, as a
// dropped SSH session or a closed window) while each APDU of an unblock and a change is on the
// card, CPS3 and CPS4. The simulated card holds its answer to the n-th command of the operation
// (`simulate` hold-after n) while the terminal goes away, then gives it. Each time: the tool
// exits by itself, cleanly (no abort, no signal), the operation having run to its end; the card
// holds the new code with its tries back; the trace has every command that left, each with its
// answer; the state file (0600, no code in it) makes the next run on that card say what
// happened. The last round of each operation holds nothing (n past its last command): the
// terminal is closed with nothing running, which must end cleanly too.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CardSnapshot } from '../../src/card/simulator/memory.js';
import { createFixtureCard, type FixtureName } from '../../src/card/simulator/fixtures.js';
import { useBench } from '../support/bench.js';
import { startTool } from '../support/pty-build.js';
import { endSession, type PtySession } from '../support/pty.js';
import { leaks } from '../support/secrets-detector.js';
import { EXIT } from '../../src/app/exit-codes.js';

const bench = useBench({ quickack: true });

interface Case {
  readonly name: string;
  readonly fixture: FixtureName;
  readonly op: 'unblock' | 'change';
  readonly codes: readonly string[];
  readonly newPin: string;
  readonly pukTries?: number;
  readonly prepare?: (m: CardSnapshot) => CardSnapshot;
  /** The exit code once the operation succeeded: the seed card expired in 2014 (issue 17: 13, not 0). */
  readonly exitAfter?: number;
}

const CASES: readonly Case[] = [
  {
    name: 'CPS3, déblocage',
    fixture: 'seed',
    op: 'unblock',
    codes: ['12345678', '4321', '4321'],
    newPin: '4321',
    pukTries: 10,
    exitAfter: EXIT.expired,
  },
  { name: 'CPS4, déblocage', fixture: 'cps4', op: 'unblock', codes: ['12345678', '4321', '4321'], newPin: '4321', pukTries: 10 },
  {
    name: 'CPS3, changement',
    fixture: 'cps3-rpps',
    op: 'change',
    codes: ['2580', '1397', '1397'],
    newPin: '1397',
    prepare: (m) => ({ ...m, pin: { code: '2580', triesLeft: 3 } }),
  },
  {
    name: 'CPS4, changement',
    fixture: 'cps4',
    op: 'change',
    codes: ['2580', '1397', '1397'],
    newPin: '1397',
    prepare: (m) => ({ ...m, pin: { code: '2580', triesLeft: 3 } }),
  },
];

const flat = (s: PtySession) => s.screen().join('\n');

async function fill(s: PtySession, c: Case): Promise<void> {
  s.write(c.op === 'unblock' ? 'd' : 'c');
  await s.waitForText(c.op === 'unblock' ? 'Code de déblocage:' : 'Code porteur actuel');
  for (const code of c.codes) {
    await s.type([...code]);
    await s.waitForText(`${code.length}/${code.length}`);
    s.write('\t');
  }
  await s.waitForText(`▶ [ ${c.op === 'unblock' ? 'Débloquer' : 'Changer'} ] ◀`);
}

interface Round {
  readonly n: number;
  readonly held: string | undefined;
  readonly exit: { exitCode: number; signal?: number };
  readonly pin: { code: string; triesLeft: number };
  readonly commands: number;
  /** Commands carrying a code (masked in the trace). */
  readonly codeCommands: number;
  /** The held command was part of the operation's exclusive connection (the operation on its way). */
  readonly sending: boolean;
  readonly nextScreen: string[];
}

async function round(c: Case, n: number): Promise<Round> {
  const card = bench.card(c.fixture, 0, c.prepare);
  await card.sim.waitFor('insérée');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-hangup-'));
  const trace = path.join(home, 'trace.txt');
  const s = startTool(bench.bundle, ['--trace', trace], { env: { XDG_STATE_HOME: home } });
  try {
    await s.waitForText(c.op === 'unblock' ? 'Verrouillé' : /OK \(3 essais/, 30_000);
    await fill(s, c);
    // The read's last part (certificates) done and its connection released: from now on, the
    // card's commands are the operation's, and n counts them from its first.
    const idle = () => {
      const t = fs.readFileSync(trace, 'utf8');
      return (t.match(/ connexion au lecteur /g) ?? []).length === (t.match(/ déconnexion /g) ?? []).length;
    };
    await s.waitFor(idle, 'la fin de la lecture de la carte', 30_000);
    card.sim.send(`hold-after ${n}`);
    await card.sim.waitFor('Réponse retenue à la commande');
    s.write('\r');
    const done = c.op === 'unblock' ? 'débloqué avec succès' : 'changé avec succès';
    await s.waitFor(
      () => card.sim.stdout().includes('réponse retenue (release') || flat(s).includes(done),
      'la commande retenue ou la fin',
      30_000,
    );
    const heldLine = /Commande (\S+ \S+)… exécutée, réponse retenue/.exec(card.sim.stdout())?.[1];
    // Where the trace was when the terminal closed: the held command is its last line sent.
    const heldAt = fs.readFileSync(trace, 'utf8').split('\n').length;
    s.hangup();
    // Gives the held answer, or cancels the hold that was not reached.
    card.sim.send('release');
    const exit = await s.waitForExit(60_000);
    const pin = card.memory().pin;
    // The trace: every command that left has its answer, and no code.
    const lines = fs.readFileSync(trace, 'utf8').split('\n');
    const start = lines.findIndex((l) => l.includes('(exclusive)'));
    const sent = start < 0 ? [] : lines.slice(start).filter((l) => / #\d+ > /.test(l));
    for (const l of sent) {
      const seq = / #(\d+) > /.exec(l)![1];
      expect(
        lines.slice(start).some((a) => a.includes(` #${seq} < `)),
        `réponse à ${l}`,
      ).toBe(true);
    }
    // (The answers are the card's data, where a code's digits may appear by chance: the commands are
    // checked, without their time stamp, where « …:43:21 » would read as the PIN 4321 in BCD.)
    const commands = sent.map((l) => l.slice(l.search(/ #\d+ > /)));
    expect(leaks('les commandes de la trace', commands.join('\n'), c.codes)).toEqual([]);
    // The state file: 0600, no code.
    const state = path.join(home, 'cps-audit', 'interrupted.json');
    if (process.env.HANGUP_DEBUG)
      process.stdout.write(
        `\nDEBUG n=${n} held=${heldLine} exit=${JSON.stringify(exit)} pin=${JSON.stringify(pin)}\n${lines.slice(start).join('\n')}\nSIM:\n${card.sim.stdout()}\n`,
      );
    const sending = heldLine !== undefined && start >= 0 && heldAt > start;
    if (sending) {
      expect(fs.statSync(state).mode & 0o777).toBe(0o600);
      expect(leaks('le fichier d’état', fs.readFileSync(state, 'utf8'), c.codes)).toEqual([]);
    }
    // The next run on the same card.
    const next = startTool(bench.bundle, [], { env: { XDG_STATE_HOME: home } });
    let nextScreen: string[];
    try {
      await next.waitForText(/Etat du code porteur utilisateur +(OK|Verrouillé)/, 30_000);
      if (sending) await next.waitForText('Session précédente');
      nextScreen = next.screen();
      next.write('q');
      await next.waitForExit();
    } finally {
      await endSession(next);
    }
    return {
      n,
      held: heldLine,
      exit,
      pin,
      commands: sent.length,
      codeCommands: sent.filter((l) => l.includes('**')).length,
      sending,
      nextScreen,
    };
  } finally {
    await endSession(s);
    await bench.clear();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

describe('the terminal closed at each APDU of an operation, through pcscd', () => {
  it.each(CASES)(
    '$name: the operation runs to its end, the card holds the new code, the next run says so',
    async (c) => {
      const rounds: Round[] = [];
      const before = (c.prepare ? c.prepare(createFixtureCard(c.fixture).snapshot()!) : createFixtureCard(c.fixture).snapshot()!).pin;
      for (let n = 1; n <= 20; n++) {
        const r = await round(c, n);
        rounds.push(r);
        process.stdout.write(
          `\n${c.name}, terminal fermé à la commande n° ${n} (${r.held ?? 'aucune : opération finie avant'}) : ` +
            `sortie ${r.exit.exitCode} (signal ${r.exit.signal ?? 0}), carte : code porteur ${r.pin.code === c.newPin ? 'nouveau' : 'ANCIEN'} (${r.pin.triesLeft} essais), ` +
            `${r.commands} commandes de l’opération dans la trace${r.held !== undefined && !r.sending ? ' (retenue pendant la lecture des compteurs : aucun code envoyé)' : ''}\n` +
            `  session suivante : ${r.nextScreen
              .filter((l) => /Session précédente|réussi|Code porteur|\[[cd]\]/.test(l))
              .map((l) => l.trim())
              .join(' / ')}\n`,
        );
        expect(r.exit.signal ?? 0).toBe(0);
        const next = r.nextScreen.join(' ').replace(/ +/g, ' ');
        if (r.held !== undefined && r.sending) {
          // Closed while the operation was on its way: it ran to its end; the next run says so.
          expect(r.exit.exitCode).toBe(c.exitAfter ?? EXIT.ok);
          expect(r.pin).toEqual({ code: c.newPin, triesLeft: 3 });
          expect(next).toContain('le terminal a été fermé pendant');
          expect(next).toContain(c.op === 'unblock' ? 'Le déblocage a réussi' : 'Le changement a réussi');
        } else if (r.held !== undefined) {
          // Closed while the counters were read, before any code left: nothing sent, nothing changed.
          expect(r.codeCommands).toBe(0);
          expect(r.pin).toEqual(before);
          expect(next).not.toContain('Session précédente');
        } else {
          // Closed after the operation ended on screen, with nothing running.
          expect(r.exit.exitCode).toBe(c.exitAfter ?? EXIT.ok);
          expect(r.pin).toEqual({ code: c.newPin, triesLeft: 3 });
          expect(next).not.toContain('Session précédente');
          break;
        }
      }
      // At least the code-bearing commands were each hit, and the last round held nothing.
      expect(rounds.length).toBeGreaterThanOrEqual(c.op === 'unblock' ? 4 : 3);
      expect(rounds.at(-1)!.held).toBeUndefined();
      expect(rounds.filter((r) => r.sending).every((r) => r.commands === rounds.at(-1)!.commands)).toBe(true);
      // Every command of the operation's connection was hit once.
      expect(rounds.filter((r) => r.sending)).toHaveLength(rounds.at(-1)!.commands);
    },
    900_000,
  );
});

describe('the terminal closed with nothing running', () => {
  it.each([
    { mode: 'plein écran', args: ['--demo'], ready: 'Verrouillé' },
    { mode: 'mode accessible', args: ['--demo', '--accessible'], ready: 'Code porteur' },
  ])('$mode: the tool leaves by itself, cleanly (no abort, no signal)', async ({ args, ready }) => {
    const s = startTool(bench.bundle, args);
    try {
      await s.waitForText(ready, 30_000);
      s.hangup();
      const exit = await s.waitForExit(20_000);
      expect(exit.signal ?? 0).toBe(0);
      // The seed's PIN is blocked: the code of the last thing shown, not 70 (internal error) or 134 (abort).
      expect(exit.exitCode).toBe(10);
    } finally {
      await endSession(s);
    }
  });
});
