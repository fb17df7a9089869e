// Issue 19 point 4: one reader of the command line (src/app/cli/args.ts, node:util parseArgs) for
// every verb and for simulate; an option may come before the verb as well as after it.

import { describe, expect, it } from 'vitest';
import { langOf, readArgs } from '../../../src/app/cli/args.js';
import { parseArgs } from '../../../src/app/cli/command-line.js';
import { parseSimulateArgs } from '../../../src/app/cli/simulate-args.js';
import { rng } from '../../support/fuzz.js';

describe('options before the verb', () => {
  it('are the verb’s options, as after it', () => {
    expect(parseArgs(['--demo', 'report', '--json'])).toEqual({ kind: 'report', json: true, demo: true, card: 'seed' });
    expect(parseArgs(['--json', 'diagnose'])).toEqual({ kind: 'diagnose', json: true });
    expect(parseArgs(['--demo', '--card', 'cps4', 'test', '--no-pin'])).toMatchObject({
      kind: 'test',
      demo: true,
      card: 'cps4',
      noPin: true,
    });
    expect(parseArgs(['--help', 'report'])).toEqual({ kind: 'help', verb: 'report' });
    expect(parseArgs(['--demo', 'simulate', '--card', 'seed'])).toEqual({ kind: 'simulate', args: ['--demo', '--card', 'seed'] });
  });

  it('an option of another verb is refused by its name, wherever it stands', () => {
    expect(parseArgs(['--no-pinpad', 'report'])).toEqual({
      kind: 'error',
      message: "l'option --no-pinpad ne s'emploie pas avec la commande report.",
    });
    expect(parseArgs(['--port', '35964', 'report'])).toEqual({ kind: 'error', message: 'option inconnue : --port' });
  });

  it('an option’s value is never taken for the verb', () => {
    expect(parseArgs(['--reader', 'report'])).toEqual({ kind: 'run', demo: false, card: 'seed', reader: 'report' });
    expect(parseArgs(['--trace', 'test', 'report'])).toEqual({ kind: 'report', json: false, demo: false, card: 'seed', trace: 'test' });
  });

  // Any order of whole options and the verb reads the same: the verb's place does not matter.
  it('moving the verb among its options changes nothing (seeded)', () => {
    const r = rng(19);
    const units: Record<string, readonly (readonly string[])[]> = {
      report: [
        ['--demo'],
        ['--json'],
        ['--card', 'cps4'],
        ['--card=seed'],
        ['--reader', 'OMNI'],
        ['--trace', 't.txt'],
        ['--real-speed'],
        ['--lang', 'en'],
      ],
      diagnose: [['--json'], ['--trace=t.txt'], ['--lang=fr'], ['--demo']],
      test: [['--demo'], ['--no-pin'], ['--trust-test-root', 'r.pem'], ['--json'], ['--out', 'x']],
      certs: [['--demo'], ['--der'], ['--out', '/tmp/c'], ['--card', 'cpe'], ['--json']],
      journal: [['--json'], ['--lang', 'en'], ['--demo']],
      bundle: [['--demo'], ['--reader', 'A'], ['--card', 'seed'], ['--help']],
    };
    let compared = 0;
    for (let k = 0; k < 2000; k++) {
      const verbs = Object.keys(units);
      const verb = verbs[Math.floor(r() * verbs.length)]!;
      const pool = units[verb]!;
      const chosen = Array.from({ length: Math.floor(r() * 4) }, () => pool[Math.floor(r() * pool.length)]!);
      const at = Math.floor(r() * (chosen.length + 1));
      const first = parseArgs([verb, ...chosen.flat()]);
      const moved = parseArgs([...chosen.slice(0, at).flat(), verb, ...chosen.slice(at).flat()]);
      expect(moved, JSON.stringify({ verb, chosen, at })).toEqual(first);
      compared++;
    }
    expect(compared).toBe(2000);
  });
});

describe('the one reader of the line', () => {
  it('keeps the order typed, names each refusal by the word as typed', () => {
    const args = readArgs(['--card=seed', '-hx', 'word', '--', '--pin', '1234'], {
      card: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    expect(args).toEqual([
      { kind: 'option', name: 'card', flag: '--card', raw: '--card=seed', known: true, value: 'seed', inline: true, index: 0 },
      { kind: 'option', name: '-hx', flag: '-hx', raw: '-hx', known: false, inline: false, index: 1 },
      { kind: 'word', value: 'word', index: 2 },
      { kind: 'option', name: '--', flag: '--', raw: '--', known: false, inline: false, index: 3 },
      { kind: 'option', name: '--pin', flag: '--pin', raw: '--pin', known: false, inline: false, index: 4 },
      { kind: 'word', value: '1234', index: 5 },
    ]);
  });

  it('--lang anywhere, even on a refused line, whatever the option before it', () => {
    expect(langOf(['--reader', '--lang', 'en'])).toBe('en');
    expect(langOf(['report', '--pin=1234', '--lang=en'])).toBe('en');
    expect(langOf(['simulate', '--card', 'seed', '--lang', 'fr'])).toBe('fr');
    expect(langOf(['--demo'])).toBeUndefined();
  });

  it('simulate reads its options with the same reader: = or a space, a refusal masks digits', () => {
    expect(parseSimulateArgs(['--port=35964', '--card', 'cps4'])).toMatchObject({ ok: true, args: { port: 35964, card: 'cps4' } });
    expect(parseSimulateArgs(['-hx'])).toEqual({ ok: false, message: expect.stringContaining('-hx') });
    const stray = parseSimulateArgs(['--card', 'seed', '98765432']) as { ok: false; message: string };
    expect(stray.ok).toBe(false);
    expect(stray.message).not.toMatch(/\d{4}/);
  });
});
