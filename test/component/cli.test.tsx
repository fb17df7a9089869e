// The command line and the start-up refusals, in French.

import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/app/cli.js';
import { helpText } from '../../src/app/help-text.js';
import { FIXTURE_NAMES } from '../../src/card/simulator/fixtures.js';
import { demoCardProblem, startPcsc } from '../../src/app/wiring.js';

describe('command line', () => {
  it('parses the documented forms', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', demo: false, card: 'seed' });
    expect(parseArgs(['--demo'])).toEqual({ kind: 'run', demo: true, card: 'seed' });
    expect(parseArgs(['--demo', '--card', 'cps3-rpps'])).toEqual({ kind: 'run', demo: true, card: 'cps3-rpps' });
    expect(parseArgs(['--reader=OMNIKEY', '--demo'])).toEqual({ kind: 'run', demo: true, card: 'seed', reader: 'OMNIKEY' });
    expect(parseArgs(['--reader', 'Virtual PCD 00 00'])).toEqual({ kind: 'run', demo: false, card: 'seed', reader: 'Virtual PCD 00 00' });
    expect(parseArgs(['simulate', '--card', 'seed', '--port', '35964'])).toEqual({ kind: 'simulate', args: ['--card', 'seed', '--port', '35964'] });
    expect(parseArgs(['--help']).kind).toBe('help');
    expect(parseArgs(['-h']).kind).toBe('help');
    expect(parseArgs(['--version']).kind).toBe('version');
  });

  it('refuses misuse in French, never echoing digits', () => {
    expect(parseArgs(['--card', 'seed'])).toEqual({ kind: 'error', message: "l'option --card ne s'emploie qu'avec --demo." });
    expect(parseArgs(['--reader'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--demo', '--card'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--pin=1234'])).toEqual({ kind: 'error', message: 'option inconnue : (masqué : contient des chiffres)' });
    expect(parseArgs(['lire'])).toEqual({ kind: 'error', message: 'commande inconnue : lire' });
  });

  it('--help lists every simulated card', () => {
    const text = helpText('1.2.3');
    for (const name of FIXTURE_NAMES) expect(text).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it('--help lists every option', () => {
    const text = helpText('1.2.3');
    for (const t of ['cps-audit 1.2.3', '--demo', '--card', '--reader', 'simulate', '--help', '--version', 'NO_COLOR', '80 colonnes × 24 lignes']) expect(text).toContain(t);
  });

  it('an unknown simulated card lists the cards there are', () => {
    expect(demoCardProblem('seed')).toBeUndefined();
    expect(demoCardProblem('autre')).toMatch(/carte simulée inconnue : autre\. Cartes disponibles : seed, /);
  });

  it('without libpcsclite, says what to install instead of failing', () => {
    const started = startPcsc(undefined, () => ({ ok: false, detail: 'libpcsclite.so.1: cannot open shared object file' }));
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.exitCode).toBe(1);
    expect(started.message).toContain('sudo apt-get install pcscd libpcsclite1');
    expect(started.message).toContain('cps-audit --demo');
    expect(started.message).toContain('libpcsclite.so.1');
  });
});
