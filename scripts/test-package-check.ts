// The checks of scripts/test-package.sh that need the test kit (run by it, with tsx):
//   report FILE CODE   FILE (the output of `cps-audit report --demo --json` in the Debian 12 root,
//                      which exited with CODE) is valid against docs/report.schema.json, is the
//                      seed card's, and CODE is the seed card's exit code.
//   demo ROOT          `cps-audit --demo` run by `chroot ROOT` in a real pseudo-terminal (node-pty,
//                      80×24) shows the seed card's screen within 20 s, and leaves on `q`.
// Exits 1 with what differs.

import { readFileSync } from 'node:fs';
import { EXIT_OF_FIXTURE, validateReport } from './lib/report.js';
import { startPty } from './lib/pty.js';

const fail = (what: string): never => {
  console.error(`test-package : ${what}`);
  process.exit(1);
};

const [command, arg, code] = process.argv.slice(2);

if (command === 'report' && arg !== undefined && code !== undefined) {
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(arg, 'utf8'));
  } catch (e) {
    fail(`le rapport JSON ne se lit pas : ${String(e)}`);
  }
  if (!validateReport(report)) fail(`rapport non conforme au schéma : ${JSON.stringify(validateReport.errors)}`);
  if (!JSON.stringify(report).includes('99002752')) fail('le rapport n’est pas celui de la carte du seed (99002752 absent)');
  if (Number(code) !== EXIT_OF_FIXTURE.seed) fail(`code de sortie ${code}, attendu ${EXIT_OF_FIXTURE.seed} (carte du seed)`);
  console.log('rapport JSON conforme au schéma, carte du seed, code de sortie attendu');
} else if (command === 'demo' && arg !== undefined) {
  const pty = startPty({
    command: 'chroot',
    args: [arg, '/usr/bin/cps-audit', '--demo'],
    env: { HOME: '/root', XDG_CACHE_HOME: '/tmp/xdg-cache', LANG: 'C.UTF-8', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
  });
  try {
    // The seed card's serial number and its holder's blocked PIN, on the first tab (in French:
    // the tool's language when the locale says nothing else).
    await pty.waitForText('99002752', 20_000);
    await pty.waitForText('Verrouillé (0 essai sur 3)', 5_000);
  } catch (e) {
    pty.kill();
    fail(`l’écran de la carte du seed n’est pas venu : ${String(e)}\n${pty.screenText()}`);
  }
  pty.write('q');
  const exit = await pty.waitForExit(10_000).catch(() => {
    pty.kill();
    return fail('l’outil ne s’est pas arrêté sur q');
  });
  console.log(`--demo dans un pseudo-terminal : écran de la carte du seed, sortie ${exit.exitCode} sur q`);
} else {
  console.error('usage : tsx scripts/test-package-check.ts report FICHIER CODE | demo RACINE');
  process.exit(2);
}
