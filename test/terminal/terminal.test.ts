// The app shell in a real pseudo-terminal: the command line, a piped output, a terminal too
// small, NO_COLOR, help, and the terminal given back on every way out.

import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openUnblock, useTool } from '../support/pty-build.js';
import { childEnv, type PtySession } from '../support/pty.js';
import { EXIT } from '../../src/app/exit-codes.js';

const kit = useTool();

const run = (args: string[]) => spawnSync(process.execPath, [kit.bundle, ...args], { encoding: 'utf8', env: childEnv(), timeout: 20_000 });

describe('command line', () => {
  it('--help is French and lists the commands, the options and the keys from the key table', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    for (const t of [
      'Commandes',
      'report',
      'diagnose',
      'Codes de sortie',
      '--demo',
      '--card',
      '--reader',
      'simulate',
      '--version',
      'Touches',
      'Ctrl-C',
      'F1',
      'Retour arrière',
      'Échap',
    ])
      expect(r.stdout).toContain(t);
  });

  it('--version gives the version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^cps-audit \d+\.\d+\.\d+/);
  });

  it('an unknown option is refused in French with exit code 2, and never echoes a code', () => {
    const r = run(['--bavard']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('option inconnue : --bavard');
    const code = run(['12345678']);
    expect(code.status).toBe(2);
    expect(code.stderr).not.toContain('12345678');
  });

  it('an unknown simulated card is refused with the list of cards', () => {
    const r = run(['--demo', '--card', 'nimporte']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('seed');
  });

  it('a piped output gets a French message on stderr and a non-zero exit', () => {
    const r = run(['--demo']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('terminal');
    expect(r.stdout).toBe('');
  });
});

describe('in a terminal', () => {
  it('below 80×23 shows one message, comes back when enlarged, and q still quits', async () => {
    const s = kit.tool(['--demo'], { cols: 70, rows: 20 });
    await s.waitForText('Terminal trop petit (80×23 minimum)');
    expect(s.screenText()).not.toContain('DENT-CS0595');
    s.resize(80, 24);
    await s.waitForText('M DENT-CS0595 EMILE');
    s.resize(79, 24);
    await s.waitForText('Terminal trop petit (80×23 minimum)');
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(EXIT.pinBlocked);
    expect(s.onAlternateBuffer()).toBe(false);
  });

  it('NO_COLOR gives a screen without colour, with the state still in words', async () => {
    const s = kit.tool(['--demo'], { env: { NO_COLOR: '1' } });
    await s.waitForText('Verrouillé (0 essai sur 3)');
    // SGR colour parameters: 30-37, 39, 40-47, 90-97, 38;5;n, 38;2;…
    expect(s.output()).not.toMatch(/\u001b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/);
    s.write('q');
    await s.waitForExit();
  });

  it('colours are on by default', async () => {
    const s = kit.tool(['--demo']);
    await s.waitForText('Verrouillé (0 essai sur 3)');
    expect(s.output()).toMatch(/\u001b\[3[0-7]m/);
  });

  it('F1 and ? open the help built from the key table; Esc and q close it', async () => {
    const s = kit.tool(['--demo']);
    await s.waitForText('M DENT-CS0595 EMILE');
    s.write('\u001bOP');
    await s.waitForText('Aide : les touches');
    s.write('\u001b');
    await s.waitForText('M DENT-CS0595 EMILE');
    s.write('?');
    await s.waitForText('Aide : les touches');
    s.write('q');
    await s.waitForText('M DENT-CS0595 EMILE');
    expect(s.onAlternateBuffer()).toBe(true);
  });

  it('in a code field, q and other letters type nothing, digits are masked, Backspace deletes, Esc forgets', async () => {
    const s = kit.tool(['--demo']);
    await s.waitForText('[d] Débloquer votre code porteur');
    await openUnblock(s);
    await s.type(['q', '?', 'x', '2', '3']);
    await s.waitForText('2/8');
    expect(s.screenText()).not.toContain('Aide : les touches');
    expect(s.screenText()).toContain('••______');
    expect(s.screenText()).not.toMatch(/23/);
    s.write('\u007f');
    await s.waitForText('1/8');
    s.write('\u001b');
    await s.waitForText('[d] Débloquer votre code porteur');
    await openUnblock(s);
  });

  it('an uncaught error leaves the alternate screen and exits non-zero with a French message', async () => {
    const s = kit.pty({ args: ['--import', 'tsx', 'test/terminal/fixtures/crash-after-start.ts'] });
    await s.waitForText('PLEIN ÉCRAN');
    expect(s.onAlternateBuffer()).toBe(true);
    const exit = await s.waitForExit();
    expect(exit.exitCode).toBe(70);
    expect(s.onAlternateBuffer()).toBe(false);
    await s.waitForText('erreur : panne simulée');
  });

  it('a whole form pasted in one write keeps every digit and every Tab', async () => {
    const s = kit.tool(['--demo']);
    await s.waitForText('[d] Débloquer votre code porteur');
    await openUnblock(s);
    s.write('12345678\t4321\t4321\t');
    await s.waitForText('▶ [ Débloquer ] ◀');
    expect(s.screenText()).toMatch(/Code de déblocage: +•{8} +8\/8/);
    // 4 digits, whichever rule the screen shows at that instant (4/4 once the counters read with
    // the button's focus have landed, 4 à 8 from the full read before): keys come one at a time.
    expect(s.screenText()).toMatch(/Confirmation du nouveau code porteur: +•{4}[_ ]+4(\/4| chiffres \(4 à 8\))/);
    s.write('\r');
    await s.waitForText('Votre code porteur a été débloqué avec succès.');
  });

  for (const how of ['q', 'SIGTERM'] as const) {
    it(`after ${how}, the shell finds its terminal in cooked mode with echo, on the normal screen`, async () => {
      const script = `"${process.execPath}" "${kit.bundle}" --demo; echo "MODES: $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' ')"`;
      const s = kit.pty({ command: '/bin/sh', args: ['-c', script] });
      await s.waitForText('M DENT-CS0595 EMILE');
      if (how === 'q') s.write('q');
      else {
        // The tool is the shell's child: signal it by its own pid.
        const child = execFileSync('ps', ['-o', 'pid=', '--ppid', String(s.pid)], { encoding: 'utf8' }).trim();
        process.kill(Number(child), 'SIGTERM');
      }
      await s.waitForText('MODES:');
      const modes = /MODES: (.*)/.exec(s.screenText())?.[1] ?? '';
      expect(modes.split(' ')).toEqual(expect.arrayContaining(['icanon', 'echo']));
      expect(modes).not.toMatch(/-icanon|-echo\b/);
      expect(s.onAlternateBuffer()).toBe(false);
    });
  }

  for (const [how, act] of [
    ['Ctrl-C', (s: PtySession) => s.write('\u0003')],
    ['SIGTERM', (s: PtySession) => s.kill('SIGTERM')],
    ['SIGHUP', (s: PtySession) => s.kill('SIGHUP')],
  ] as const) {
    it(`${how} leaves the alternate screen and shows the cursor again`, async () => {
      const s = kit.tool(['--demo']);
      await s.waitForText('M DENT-CS0595 EMILE');
      act(s);
      await s.waitForExit();
      expect(s.onAlternateBuffer()).toBe(false);
      expect(s.output().lastIndexOf('\u001b[?1049l')).toBeGreaterThan(s.output().lastIndexOf('\u001b[?1049h'));
      expect(s.output().lastIndexOf('\u001b[?25h')).toBeGreaterThan(s.output().lastIndexOf('\u001b[?25l'));
    });
  }
});
