// The command line and the start-up refusals, in French (the default) and in English.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/app/cli/command-line.js';
import { parseSimulateArgs } from '../../src/app/cli/simulate-args.js';
import { helpText } from '../../src/app/cli/help-text.js';
import { FIXTURE_NAMES } from '../../src/card/simulator/fixtures.js';
import { demoCardProblem, startPcsc } from '../../src/app/wiring.js';
import { EXIT, EXIT_TABLE } from '../../src/app/exit-codes.js';
import { FIRST_SCREEN_ROWS, firstScreen } from '../../src/app/cli/help-text.js';
import { setLanguage } from '../../src/i18n/index.js';

describe('command line', () => {
  it('parses the documented forms', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', demo: false, card: 'seed' });
    expect(parseArgs(['--demo'])).toEqual({ kind: 'run', demo: true, card: 'seed' });
    expect(parseArgs(['--demo', '--card', 'cps3-rpps'])).toEqual({ kind: 'run', demo: true, card: 'cps3-rpps' });
    expect(parseArgs(['--reader=OMNIKEY', '--demo'])).toEqual({ kind: 'run', demo: true, card: 'seed', reader: 'OMNIKEY' });
    expect(parseArgs(['--reader', 'Virtual PCD 00 00'])).toEqual({ kind: 'run', demo: false, card: 'seed', reader: 'Virtual PCD 00 00' });
    expect(parseArgs(['simulate', '--card', 'seed', '--port', '35964'])).toEqual({
      kind: 'simulate',
      args: ['--card', 'seed', '--port', '35964'],
    });
    expect(parseArgs(['--help']).kind).toBe('help');
    expect(parseArgs(['-h']).kind).toBe('help');
    // Issue 22: the journal, the file for support, --no-journal.
    expect(parseArgs(['--no-journal'])).toEqual({ kind: 'run', demo: false, card: 'seed', noJournal: true });
    expect(parseArgs(['journal', '--json'])).toEqual({ kind: 'journal', json: true });
    expect(parseArgs(['bundle'])).toEqual({ kind: 'bundle', demo: false, card: 'seed' });
    expect(parseArgs(['bundle', 'ticket.txt', '--demo'])).toEqual({ kind: 'bundle', demo: true, card: 'seed', file: 'ticket.txt' });
    expect(parseArgs(['bundle', 'a.txt', 'b.txt'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['journal', '--demo'])).toMatchObject({ kind: 'error', message: expect.stringContaining('--demo') });
    expect(parseArgs(['report', '--no-journal'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['bundle', '--help'])).toEqual({ kind: 'help', verb: 'bundle' });
    expect(parseArgs(['--version']).kind).toBe('version');
  });

  it('refuses misuse in French, never echoing digits', () => {
    expect(parseArgs(['--card', 'seed'])).toEqual({ kind: 'error', message: "l'option --card ne s'emploie qu'avec --demo." });
    expect(parseArgs(['--reader'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--demo', '--card'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--pin=1234'])).toMatchObject({ kind: 'error' });
    expect(JSON.stringify(parseArgs(['--pin=1234']))).not.toContain('1234');
    expect(parseArgs(['lire'])).toEqual({ kind: 'error', message: 'commande inconnue : lire' });
    expect(parseArgs(['report', '--card', 'seed'])).toEqual({ kind: 'error', message: "l'option --card ne s'emploie qu'avec --demo." });
    expect(parseArgs(['diagnose', '--demo'])).toMatchObject({ kind: 'error' });
  });

  it('parses report, diagnose, help and --trace', () => {
    expect(parseArgs(['report'])).toEqual({ kind: 'report', json: false, demo: false, card: 'seed' });
    expect(parseArgs(['report', '--json', '--demo', '--card', 'cps4'])).toEqual({ kind: 'report', json: true, demo: true, card: 'cps4' });
    expect(parseArgs(['report', '--reader', 'OMNI'])).toEqual({ kind: 'report', json: false, demo: false, card: 'seed', reader: 'OMNI' });
    expect(parseArgs(['diagnose', '--json'])).toEqual({ kind: 'diagnose', json: true });
    expect(parseArgs(['diagnose', '--trace', 't.txt'])).toEqual({ kind: 'diagnose', json: false, trace: 't.txt' });
    expect(parseArgs(['--demo', '--trace=t.txt'])).toEqual({ kind: 'run', demo: true, card: 'seed', trace: 't.txt' });
    expect(parseArgs(['help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['report', '--help'])).toEqual({ kind: 'help', verb: 'report' });
    expect(parseArgs(['diagnose', '-h'])).toEqual({ kind: 'help', verb: 'diagnose' });
    expect(parseArgs(['--trace'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--json'])).toMatchObject({ kind: 'error' });
  });

  // Issue 9 point 12: before, « carte simulée inconnue : 12345678 » echoed the digits.
  it('no echoed argument keeps a run of 4 digits or more', () => {
    const echoed = [
      demoCardProblem('12345678'),
      demoCardProblem('x0123y'),
      (parseArgs(['--card12345678']) as { message: string }).message,
      (parseArgs(['87654321']) as { message: string }).message,
      (parseArgs(['report', '--pin', '1234']) as { message: string }).message,
    ];
    for (const m of echoed) {
      expect(m).toBeDefined();
      expect(m).not.toMatch(/\d{4}/);
    }
    expect(demoCardProblem('12345678')).toContain('carte simulée inconnue');
    expect(demoCardProblem('cps12')).toContain('cps12');
  });

  it('--help: every line fits 80 columns, the first screen (commands, options, exit codes) 24 lines, the keys after it', () => {
    const text = helpText('1.2.3');
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    const first = firstScreen('1.2.3');
    expect(first.length).toBeLessThanOrEqual(FIRST_SCREEN_ROWS);
    const screen = text.split('\n').slice(0, FIRST_SCREEN_ROWS).join('\n');
    for (const t of ['cps-audit report', 'cps-audit diagnose', '--demo', '--reader', '--trace', '--json', '--version'])
      expect(screen).toContain(t);
    for (const row of EXIT_TABLE) expect(screen).toContain(`${String(row.code).padStart(2)} ${row.short}`);
    expect(text.indexOf('Touches')).toBeGreaterThan(text.indexOf('70 erreur interne'));
    expect(text).not.toContain('npx');
  });

  it('exit codes are distinct, and each is documented in full in --help', () => {
    const codes = EXIT_TABLE.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    const text = helpText('1.2.3');
    for (const r of EXIT_TABLE) expect(text).toContain(`  ${String(r.code).padStart(2)}  ${r.means.slice(0, 30)}`);
  });

  it('--help lists every simulated card', () => {
    const text = helpText('1.2.3');
    for (const name of FIXTURE_NAMES) expect(text).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it('--help lists every option', () => {
    const text = helpText('1.2.3');
    for (const t of [
      'cps-audit 1.2.3',
      '--demo',
      '--card',
      '--reader',
      'simulate',
      '--help',
      '--version',
      'NO_COLOR',
      '80 colonnes × 23 lignes',
      '--no-journal',
      'cps-audit bundle',
      'cps-audit journal',
    ])
      expect(text).toContain(t);
  });

  it('an unknown simulated card lists the cards there are', () => {
    expect(demoCardProblem('seed')).toBeUndefined();
    expect(demoCardProblem('autre')).toMatch(/carte simulée inconnue : autre\. Cartes disponibles : seed, /);
  });

  it('without libpcsclite, says what to install instead of failing', () => {
    const started = startPcsc(undefined, () => ({ ok: false, detail: 'libpcsclite.so.1: cannot open shared object file' }));
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.exitCode).toBe(EXIT.bindingMissing);
    expect(started.message).toContain('sudo apt-get install pcscd libpcsclite1');
    expect(started.message).toContain('cps-audit --demo');
    expect(started.message).toContain('libpcsclite.so.1');
  });
});

describe('simulate never echoes a run of 4 digits either', () => {
  it('port, option and card name', async () => {
    const { parseSimulateArgs } = await import('../../src/app/cli/simulate-args.js');
    for (const argv of [
      ['--card', 'seed', '--port', '12345678'],
      ['--card', '12345678'],
      ['--card', 'seed', '--pin=1234'],
    ]) {
      const r = parseSimulateArgs(argv) as { ok: boolean; message?: string };
      expect(r.ok).toBe(false);
      expect(r.message).not.toContain('1234');
    }
  });
});

describe('--real-speed (issue 14)', () => {
  it('goes with --demo (screen and report), and only with it', () => {
    expect(parseArgs(['--demo', '--real-speed'])).toEqual({ kind: 'run', demo: true, card: 'seed', realSpeed: true });
    expect(parseArgs(['report', '--demo', '--real-speed'])).toMatchObject({ kind: 'report', demo: true, realSpeed: true });
    expect(parseArgs(['--real-speed'])).toEqual({ kind: 'error', message: "l'option --real-speed ne s'emploie qu'avec --demo." });
    expect(parseArgs(['diagnose', '--real-speed'])).toMatchObject({ kind: 'error' });
  });

  it('simulate takes --real-speed and --card-ms N (only with --real-speed)', () => {
    expect(parseSimulateArgs(['--real-speed', '--card-ms', '3'])).toMatchObject({ ok: true, args: { realSpeed: { cardMs: 3 } } });
    expect(parseSimulateArgs(['--real-speed'])).toMatchObject({ ok: true, args: { realSpeed: { cardMs: 0 } } });
    expect(parseSimulateArgs([])).toMatchObject({ ok: true, args: { card: 'seed' } });
    expect(parseSimulateArgs([]).ok === true && 'realSpeed' in (parseSimulateArgs([]) as { args: object }).args).toBe(false);
    expect(parseSimulateArgs(['--card-ms', '3'])).toMatchObject({ ok: false });
    expect(parseSimulateArgs(['--real-speed', '--card-ms', 'x'])).toMatchObject({ ok: false });
  });
});

describe('--lang', () => {
  it('takes fr or en, with any verb, and refuses anything else with a remedy', () => {
    expect(parseArgs(['--lang', 'en'])).toMatchObject({ kind: 'run', lang: 'en' });
    expect(parseArgs(['report', '--lang=fr', '--demo'])).toMatchObject({ kind: 'report', lang: 'fr', demo: true });
    expect(parseArgs(['diagnose', '--lang', 'en'])).toMatchObject({ kind: 'diagnose', lang: 'en' });
    expect(parseArgs(['--lang', 'de'])).toEqual({ kind: 'error', message: "l'option --lang attend fr ou en (par exemple : --lang en)." });
    expect(parseArgs(['--lang'])).toMatchObject({ kind: 'error' });
  });

  it('may come before the verb (issue 18): --lang en report --help, --lang=en diagnose, --lang en simulate', () => {
    expect(parseArgs(['--lang', 'en', 'report', '--help'])).toEqual({ kind: 'help', lang: 'en', verb: 'report' });
    expect(parseArgs(['--lang=en', 'diagnose', '--json'])).toMatchObject({ kind: 'diagnose', lang: 'en', json: true });
    expect(parseArgs(['--lang', 'en', 'report', '--demo'])).toMatchObject({ kind: 'report', lang: 'en', demo: true });
    expect(parseArgs(['--lang', 'en', 'simulate', '--help'])).toEqual({ kind: 'simulate', args: ['--lang', 'en', '--help'] });
    expect(parseArgs(['--lang', 'en', '--demo'])).toMatchObject({ kind: 'run', lang: 'en', demo: true });
  });
});

describe('in English (--lang en, or an English locale)', () => {
  beforeEach(() => setLanguage('en'));
  afterEach(() => setLanguage('fr'));

  it('refuses misuse in English, never echoing digits', () => {
    expect(parseArgs(['--card', 'seed'])).toEqual({ kind: 'error', message: 'the option --card goes only with --demo.' });
    expect(parseArgs(['lire'])).toEqual({ kind: 'error', message: 'unknown command: lire' });
    expect(parseArgs(['--real-speed'])).toEqual({ kind: 'error', message: 'the option --real-speed goes only with --demo.' });
    expect(parseArgs(['--lang', 'de'])).toEqual({ kind: 'error', message: 'the option --lang takes fr or en (for example: --lang en).' });
    const pin = parseArgs(['--pin=1234']) as { kind: string; message: string };
    expect(pin.kind).toBe('error');
    expect(pin.message).not.toContain('1234');
    expect(pin.message).not.toMatch(/[À-ÿ]|\b(l'option|inconnue?)\b/);
    expect(demoCardProblem('autre')).toMatch(/unknown simulated card: autre\. Cards available: seed, /);
    expect(demoCardProblem('12345678')).not.toMatch(/\d{4}/);
  });

  it('--help in English: the same shape (80 columns, first screen of 24 lines), English words, every option and exit code', () => {
    const text = helpText('1.2.3');
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(firstScreen('1.2.3').length).toBeLessThanOrEqual(FIRST_SCREEN_ROWS);
    const screen = text.split('\n').slice(0, FIRST_SCREEN_ROWS).join('\n');
    for (const t of ['cps-audit report', 'cps-audit diagnose', '--demo', '--reader', '--trace', '--json', '--version', '--lang'])
      expect(screen).toContain(t);
    for (const row of EXIT_TABLE) expect(screen).toContain(`${String(row.code).padStart(2)} ${row.short}`);
    expect(text).toContain('Keys');
    // Only the proper names (ANS, key names in the table of keys) may keep a French word.
    expect(text).not.toMatch(/\b(carte|lecteur|commande|erreur|quitter)\b/);
  });

  it('without libpcsclite, says what to install, in English', () => {
    const started = startPcsc(undefined, () => ({ ok: false, detail: 'libpcsclite.so.1: cannot open shared object file' }));
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.message).toContain('sudo apt-get install pcscd libpcsclite1');
    expect(started.message).toContain('cps-audit --demo');
    expect(started.message).not.toMatch(/Installez|démarrez/);
  });
});
