// Text captures of the real tool in a pseudo-terminal (80×24), for the README: `npm run
// screenshots` rebuilds dist and rewrites docs/screenshots/*.txt. Each is what a person sees.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPty, type PtySession } from '../test/support/pty.js';

const root = resolve(import.meta.dirname, '..');
const bundle = join(root, 'dist', 'cps-audit.mjs');
const out = join(root, 'docs', 'screenshots');

interface Shot {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  readonly steps: (s: PtySession) => Promise<void>;
  /** Raw text output (accessible mode) rather than the screen. */
  readonly raw?: boolean;
}

const SEED = 'M DENT-CS0595 EMILE';
const shots: Shot[] = [
  { name: 'carte-lue', args: ['--demo'], steps: (s) => s.waitForText(SEED) },
  { name: 'card-read-en', args: ['--demo', '--lang', 'en'], steps: (s) => s.waitForText(SEED) },
  {
    name: 'formulaire-deblocage',
    args: ['--demo'],
    steps: async (s) => {
      await s.waitForText(SEED);
      s.write('d');
      await s.waitForText('inactif');
    },
  },
  {
    name: 'dernier-essai',
    args: ['--demo', '--card', 'puk-last-try'],
    steps: async (s) => {
      await s.waitForText('DERNIER ESSAI');
      s.write('d');
      await s.waitForText('Code de déblocage:');
      await s.type([...'12345678'.split(''), '\t', ...'1111'.split(''), '\t', ...'1111'.split(''), '\t', '\r']);
      await s.waitForText('oui, envoyer le code');
    },
  },
  {
    name: 'carte-puk-dernier-essai',
    args: ['--demo', '--card', 'puk-last-try'],
    steps: (s) => s.waitForText('DERNIER ESSAI'),
  },
  {
    name: 'succes',
    args: ['--demo'],
    steps: async (s) => {
      await s.waitForText(SEED);
      s.write('d');
      await s.waitForText('Code de déblocage:');
      await s.type([...'12345678'.split(''), '\t', ...'1111'.split(''), '\t', ...'1111'.split(''), '\t', '\r']);
      await s.waitForText('avec succès');
    },
  },
  {
    name: 'pcscd-absent',
    args: [],
    env: { PCSCLITE_CSOCK_NAME: '/nonexistent/pcscd.comm' },
    steps: (s) => s.waitForText('Service PC/SC indisponible', 15_000),
  },
  { name: 'accessible-en', args: ['--demo', '--lang', 'en'], env: { TERM: 'dumb' }, raw: true, steps: (s) => s.waitForText('[d] Unblock') },
];

execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
mkdirSync(out, { recursive: true });
for (const shot of shots) {
  const s = startPty({ args: [bundle, ...shot.args], cols: 80, rows: 24, ...(shot.env ? { env: shot.env } : {}) });
  try {
    await shot.steps(s);
    await new Promise((r) => setTimeout(r, 300));
    const text = shot.raw ? s.output().replace(/\r/g, '') : s.screen().join('\n');
    writeFileSync(join(out, `${shot.name}.txt`), text.trimEnd() + '\n');
    console.log(`docs/screenshots/${shot.name}.txt`);
  } catch (e) {
    console.error(`${shot.name}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    s.kill();
  }
}
