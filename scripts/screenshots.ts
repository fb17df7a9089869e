// Captures of the real tool in a pseudo-terminal (80×24), for the README: `npm run screenshots`
// rebuilds dist and rewrites docs/screenshots/*.txt (the text) and *.svg (the image: the same
// screen with its colours, bold and inverse, from a headless terminal fed with what the tool
// wrote; scripts/terminal-svg.ts). Each is what a person sees.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import xterm from '@xterm/headless';
import { startPty, type PtySession } from './lib/pty.js';
import { screenCells, terminalSvg } from './terminal-svg.js';

const { Terminal } = xterm;

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
  /** What the image shows, for its title. */
  readonly title: string;
}

/** The tool's output replayed on a headless terminal of `cols` columns, as an SVG image. */
async function svgOf(output: string, cols: number, rows: number, title: string): Promise<string> {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  await new Promise<void>((done) => term.write(output, done));
  const svg = terminalSvg(screenCells(term), { title, columns: cols });
  term.dispose();
  return svg;
}

const SEED = 'M DENT-CS0595 EMILE';

/** The card screen once the whole card is read (the key bar offers the report then). */
async function complete(s: PtySession, report: string): Promise<void> {
  await s.waitForText(SEED);
  await s.waitForText(new RegExp(`\\bs ${report}\\b`));
}
const shots: Shot[] = [
  { name: 'carte-lue', title: 'Carte du seed lue (code porteur verrouillé)', args: ['--demo'], steps: (s) => complete(s, 'rapport') },
  { name: 'card-read-en', title: 'The seed card read, in English', args: ['--demo', '--lang', 'en'], steps: (s) => complete(s, 'report') },
  {
    name: 'formulaire-deblocage',
    title: 'Formulaire de déblocage, bouton inactif et sa raison',
    args: ['--demo'],
    steps: async (s) => {
      await s.waitForText(SEED);
      s.write('d');
      await s.waitForText('inactif');
    },
  },
  {
    name: 'dernier-essai',
    title: 'Confirmation du dernier essai du code de déblocage',
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
    title: 'Carte dont le code de déblocage est à son dernier essai',
    args: ['--demo', '--card', 'puk-last-try'],
    steps: (s) => complete(s, 'rapport'),
  },
  {
    name: 'succes',
    title: 'Déblocage réussi',
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
    title: 'Service PC/SC (pcscd) absent',
    args: [],
    env: { PCSCLITE_CSOCK_NAME: '/nonexistent/pcscd.comm' },
    steps: (s) => s.waitForText('Service PC/SC indisponible', 15_000),
  },
  {
    name: 'accessible-en',
    title: 'Accessible mode (TERM=dumb), in English',
    args: ['--demo', '--lang', 'en'],
    env: { TERM: 'dumb' },
    raw: true,
    steps: (s) => s.waitForText('[d] Unblock'),
  },
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
    // The accessible mode's transcript is shown whole: as many rows as it has lines.
    const rows = shot.raw ? Math.max(24, text.trimEnd().split('\n').length) : 24;
    writeFileSync(join(out, `${shot.name}.svg`), await svgOf(s.output(), 80, rows, shot.title));
    console.log(`docs/screenshots/${shot.name}.txt, .svg`);
  } catch (e) {
    console.error(`${shot.name}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    s.kill();
  }
}
