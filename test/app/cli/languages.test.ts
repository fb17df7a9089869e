// Issue 11a: every word of the command line follows the language: `--help` of every command, the
// usage errors, `report` (text, and the sentences of the JSON), `diagnose`, in English with
// `--lang en` and with LANG=en_US.UTF-8, in French otherwise (French unchanged). The real
// entry point runs in a child process (src/app/main.tsx through tsx), as a user would run it.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(ROOT, 'docs/report.schema.json'), 'utf8')),
);

/** The environment without any locale, plus `locale`. */
function envWith(locale: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete env[k];
  return { ...env, ...locale, NO_COLOR: '1' };
}

function run(args: readonly string[], locale: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/app/main.tsx'), ...args], {
    cwd: ROOT,
    env: envWith(locale),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { out: r.stdout, err: r.stderr, code: r.status };
}

const EN = { LANG: 'en_US.UTF-8' };

function fits80(text: string) {
  for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
}

/** Words that only the French texts have. */
const FRENCH_MARKS = /Commandes|Usage :|Options :|Touches|Cartes simulées|Codes de sortie|Que faire|Lecteur \d|Résultat|carte lue|Voir «/;

describe('--help of every command, in English', () => {
  const HELPS: readonly { args: string[]; head: RegExp; has: string[] }[] = [
    {
      args: ['--help'],
      head: /^cps-audit \S+ — CPS card audit/,
      has: ['Commands:', 'Options:', 'Exit codes:', 'Keys of the interactive screen'],
    },
    { args: ['help'], head: /^cps-audit \S+ — CPS card audit/, has: ['Simulated cards (--demo --card NAME', '--lang fr|en'] },
    { args: ['report', '--help'], head: /^Usage: cps-audit report /, has: ['Options:', '--reader NAME', 'Exit code:'] },
    { args: ['diagnose', '--help'], head: /^Usage: cps-audit diagnose /, has: ['Options:', 'Exit code: 0 when no problem'] },
    {
      args: ['simulate', '--help'],
      head: /^Usage: cps-audit simulate /,
      has: ['Cards (--card, seed by default):', 'Commands (one a line'],
    },
  ];
  for (const h of HELPS) {
    it(`${h.args.join(' ')}: --lang en and LANG=en_US.UTF-8 give the same English text`, () => {
      const flag = run([...h.args, '--lang', 'en']);
      const locale = run(h.args, EN);
      expect(flag.code).toBe(0);
      expect(locale.code).toBe(0);
      expect(flag.out).toBe(locale.out);
      expect(flag.out).toMatch(h.head);
      for (const s of h.has) expect(flag.out).toContain(s);
      expect(flag.out).not.toMatch(FRENCH_MARKS);
      if (h.args[0] !== 'simulate') fits80(flag.out);
    });
  }

  it('French by default, and --lang fr wins over an English locale', () => {
    const fr = run(['--help']);
    expect(fr.out).toMatch(/^cps-audit \S+ — audit de la carte CPS/);
    expect(fr.out).toContain('Commandes :');
    expect(run(['--help', '--lang', 'fr'], EN).out).toBe(fr.out);
    expect(run(['report', '--help']).out).toMatch(/^Usage : cps-audit report /);
    expect(run(['simulate', '--help']).out).toMatch(/^Usage : cps-audit simulate /);
  });
});

describe('usage errors follow the language', () => {
  it('an unknown option, in English then in French, exit code 2, digits never echoed', () => {
    const en = run(['--frobnicate', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.err).toBe('cps-audit: unknown option: --frobnicate\nSee “cps-audit --help”.\n');
    const fr = run(['--frobnicate']);
    expect(fr.err).toBe('cps-audit : option inconnue : --frobnicate\nVoir « cps-audit --help ».\n');
    expect(run(['12345678'], EN).err).toMatch(/^cps-audit: unknown command: •+ \(digits masked\)\n/);
    expect(run(['--demo', '12345678'], EN).err).toMatch(/^cps-audit: unexpected argument: •+ \(digits masked\)\n/);
    expect(run(['--card', 'seed'], EN).err).toContain('the option --card goes only with --demo.');
    expect(run(['--demo', '--card', 'nope'], EN).err).toMatch(/^cps-audit: unknown simulated card: nope\. Cards available: seed, /);
  });

  it('simulate: its refusals in English, and it takes --lang', () => {
    const r = run(['simulate', '--port', 'x', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('Option --port: “x” is not a port number (1 to 65535).\n');
    expect(run(['simulate', '--lang', 'de']).err).toContain("l'option --lang attend fr ou en");
  });
});

describe('the report in English', () => {
  it('report --demo: headings, labels, warnings and result in English; card data as the card has it', () => {
    for (const r of [run(['report', '--demo', '--lang', 'en']), run(['report', '--demo'], EN)]) {
      expect(r.code).toBe(10);
      expect(r.out).toMatch(/^cps-audit \S+ report \(Node /);
      for (const s of [
        'Source: demonstration (simulated card, no real reader)',
        'Reader 1: cps-audit SIM 00',
        'State: card read',
        'Reader selection',
        'Holder identification',
        'Card information',
        'Certificate information',
        'State of the holder PIN',
        'Warnings',
        '✖ The card expired on 31/03/2014. Ask the ANS for its renewal',
        'Result: exit code 10',
        'PIN blocked (can be unblocked)',
        // Card data is never translated.
        'M DENT-CS0595 EMILE',
        'Chirurgien-Dentiste',
      ])
        expect(r.out).toContain(s);
      expect(r.out).not.toMatch(FRENCH_MARKS);
      fits80(r.out);
    }
  });

  it('report --demo --json: same keys and codes, lang en, sentences in English, schema-valid', () => {
    type Report = { lang: string; schemaVersion: number; readers: { warnings: { code: string; message: string }[] }[] };
    const en = JSON.parse(run(['report', '--demo', '--json', '--card', 'puk-last-try'], EN).out) as Report;
    const fr = JSON.parse(run(['report', '--demo', '--json', '--card', 'puk-last-try']).out) as Report;
    expect(validate(en), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(fr), JSON.stringify(validate.errors)).toBe(true);
    expect(en.lang).toBe('en');
    expect(fr.lang).toBe('fr');
    expect(en.schemaVersion).toBe(3);
    const codes = (j: Report) => j.readers[0]!.warnings.map((w) => w.code);
    expect(codes(en)).toEqual(codes(fr));
    const puk = (j: Report) => j.readers[0]!.warnings.find((w) => w.code === 'puk-last-try')!.message;
    expect(puk(en)).toBe(
      'Only one try left for the unblock code: if it is wrong, the card will have to be replaced. Check the letter that came with the card.',
    );
    expect(puk(fr)).toBe(
      'Un seul essai restant au code de déblocage : s’il est erroné, la carte devra être remplacée. Vérifiez le courrier reçu avec la carte.',
    );
    // Everything but the language of the sentences is the same.
    const strip = (j: unknown): unknown =>
      JSON.parse(JSON.stringify(j, (k, v: unknown) => (k === 'message' || k === 'lang' || k === 'generatedAt' ? undefined : v)));
    expect(strip(en)).toEqual(strip(fr));
  });

  it('diagnose in English: heading, checks and the count of problems', () => {
    const r = run(['diagnose', '--lang', 'en']);
    expect([0, 50]).toContain(r.code);
    expect(r.out).toMatch(/^cps-audit \S+ diagnosis — /);
    expect(r.out).toMatch(/\n(· System|✔ Node\.js|✔ PC\/SC module|✖ PC\/SC module)/);
    expect(r.out).toMatch(/\n(No problem found\.|\d+ problems? found \(exit code 50\)\.)\n$/);
    expect(r.out).not.toMatch(/Système|Que faire|problème|non défini/);
    fits80(r.out);
    const j = JSON.parse(run(['diagnose', '--json'], EN).out);
    expect(j.lang).toBe('en');
    expect(j.checks.find((c: { id: string }) => c.id === 'terminal').label).toBe('Terminal');
    expect(j.checks.find((c: { id: string }) => c.id === 'system').label).toBe('System');
  });
});
