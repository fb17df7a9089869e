// `cps-audit simulate` options (the command itself runs as a child process in test/system).
import { afterEach, describe, expect, it } from 'vitest';
import { parseSimulateArgs } from '../../../src/app/cli/simulate-args.js';
import { simulateHelp } from '../../../src/app/commands/simulate.js';
import { setLanguage } from '../../../src/i18n/index.js';

describe('cps-audit simulate options', () => {
  it("defaults to the seed card on vpcd's first reader", () => {
    expect(parseSimulateArgs([])).toEqual({ ok: true, args: { card: 'seed', host: '127.0.0.1', port: 35963 } });
  });

  it('takes every option, spaced or with =', () => {
    expect(parseSimulateArgs(['--card', 'cpe', '--host=10.0.0.2', '--port', '35964', '--state', '/tmp/x.json'])).toEqual({
      ok: true,
      args: { card: 'cpe', host: '10.0.0.2', port: 35964, state: '/tmp/x.json' },
    });
  });

  it.each([
    [['--card', 'nope'], 'Carte simulée inconnue'],
    [['--card'], 'Option --card'],
    [['--port', '70000'], 'n’est pas un numéro de port'],
    [['--port', 'abc'], 'n’est pas un numéro de port'],
    [['--state'], 'Option --state'],
    [['--verbose'], 'Option inconnue : --verbose'],
  ])('refuses %j in French', (argv, text) => {
    const r = parseSimulateArgs(argv);
    expect(r.ok).toBe(false);
    if (r.ok === false) expect(r.message).toContain(text);
  });

  it('lists every card and the stdin commands in its help', () => {
    expect(parseSimulateArgs(['--help'])).toEqual({ ok: 'help' });
    const help = simulateHelp();
    for (const name of ['seed', 'cps3-rpps', 'puk-blocked', 'unknown']) expect(help).toContain(name);
    expect(help).toContain('remove');
    expect(help).toContain('SIGUSR1');
  });

  afterEach(() => setLanguage('fr'));
  it('its help fits 80 columns, in French and in English (issue 18), and names hold-after and release', () => {
    for (const lang of ['fr', 'en'] as const) {
      setLanguage(lang);
      const help = simulateHelp();
      for (const line of help.split('\n')) expect([...line].length, `${lang}: ${line}`).toBeLessThanOrEqual(80);
      expect(help).toContain('hold-after N');
      expect(help).toContain('release');
    }
  });
});
