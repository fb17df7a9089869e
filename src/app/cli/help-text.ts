// `cps-audit --help` (and `cps-audit help`), in the chosen language (src/i18n). Its first screen (24 lines of 80
// columns) holds the commands, the main options and the exit codes; the key table follows, taken
// from keys.ts, then the simulated cards and each exit code in full. No line passes 80 columns.

import { FIXTURE_NAMES } from '../../card/simulator/fixtures.js';
import { t, tr, type Key } from '../../i18n/index.js';
import { wrap } from '../../report/text.js';
import { EXIT_TABLE, exitCodeColumns } from '../exit-codes.js';
import { helpSections } from '../tui/keys.js';

/** Lines of the first screen of --help: at most this many. */
export const FIRST_SCREEN_ROWS = 24;

export function firstScreen(version: string): string[] {
  return [
    t('cli.help.title', { version }),
    t('cli.help.commands'),
    t('cli.help.cmd.run'),
    t('cli.help.cmd.demo'),
    t('cli.help.cmd.report'),
    t('cli.help.cmd.diagnose'),
    t('cli.help.cmd.test'),
    t('cli.help.cmd.bundle'),
    t('cli.help.cmd.journal'),
    t('cli.help.options'),
    t('cli.help.opt.reader'),
    t('cli.help.opt.trace'),
    t('cli.help.opt.json'),
    t('cli.help.opt.lang'),
    t('cli.help.codesOnScreen'),
    t('cli.help.exitCodes.short'),
    ...exitCodeColumns(),
  ];
}

export function helpText(version: string): string {
  const lines = firstScreen(version);
  lines.push('', t('cli.help.keys'));
  for (const section of helpSections()) {
    if (section.rows.length === 0) continue;
    lines.push(`  ${section.title}`);
    for (const row of section.rows) {
      const keys = `    ${row.keys.padEnd(16)} `;
      const room = 80 - keys.length;
      wrap(row.does, room).forEach((l, i) => lines.push(i === 0 ? keys + l : ' '.repeat(keys.length) + l));
    }
  }
  // `simulate` and --real-speed left the first screen for `test` (issue 21): they belong with the simulated cards.
  lines.push('', t('cli.help.cards'), t('cli.help.cmd.simulate'), t('cli.help.opt.realSpeed'));
  for (const name of FIXTURE_NAMES) {
    const head = `  ${name.padEnd(16)} `;
    wrap(fixtureDescription(name), 80 - head.length).forEach((l, i) => lines.push(i === 0 ? head + l : ' '.repeat(head.length) + l));
  }
  lines.push('', t('cli.help.exitCodes'));
  for (const r of EXIT_TABLE) {
    const head = `  ${String(r.code).padStart(2)}  `;
    wrap(r.means, 80 - head.length).forEach((l, i) => lines.push(i === 0 ? head + l : ' '.repeat(head.length) + l));
  }
  lines.push('', t('cli.help.terminal'), t('cli.help.accessible'), t('cli.help.i22.noJournal'), t('cli.help.noPinpad'));
  return lines.join('\n') + '\n';
}

/** A simulated card's description, in the chosen language. */
export function fixtureDescription(name: (typeof FIXTURE_NAMES)[number]): string {
  return tr(`fixture.${name}` as Key);
}

/** `cps-audit report --help`, `cps-audit diagnose --help`: that command's usage, options and exit codes. */
export type HelpVerb = 'report' | 'diagnose' | 'journal' | 'bundle';

const VERB_OPTIONS: Record<HelpVerb, readonly Key[]> = {
  report: ['cli.help.report.json', 'cli.help.report.reader', 'cli.help.report.demo', 'cli.help.report.realSpeed', 'cli.help.opt.trace'],
  diagnose: ['cli.help.diagnose.json', 'cli.help.opt.trace'],
  journal: ['cli.help.journal.json'],
  bundle: ['cli.help.report.reader', 'cli.help.report.demo'],
};

export function commandHelp(verb: HelpVerb): string {
  const lines = [t(`cli.help.${verb}.usage`), ''];
  wrap(t(`cli.help.${verb}.what`), 80).forEach((l) => lines.push(l));
  lines.push('', t('cli.help.options'));
  for (const k of VERB_OPTIONS[verb]) lines.push(tr(k));
  lines.push(t('cli.help.opt.lang'), '');
  wrap(t(`cli.help.${verb}.exit`), 80).forEach((l) => lines.push(l));
  return lines.join('\n') + '\n';
}
