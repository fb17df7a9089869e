// The README stays a short first page, true for the command line (issue 22): the install command,
// no `npx cps-audit`, the three commands of a technician, French and English, and every document
// it points to exists. What moved out stays true too: the exit code table as exit-codes.ts has it
// (docs/exit-codes.md), the polkit rule it names (docs/support.md), the man page and the bash
// completion, which list every command and option the command line takes.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_TABLE } from '../../../src/app/exit-codes.js';
import { FIXTURE_NAMES } from '../../../src/card/simulator/fixtures.js';

const read = (p: string) => fs.readFileSync(new URL(`../../../${p}`, import.meta.url), 'utf8');
const readme = read('README.md');

const COMMANDS = ['report', 'diagnose', 'bundle', 'journal', 'test', 'certs', 'simulate'];
const OPTIONS = [
  '--demo',
  '--card',
  '--reader',
  '--trace',
  '--json',
  '--real-speed',
  '--accessible',
  '--no-journal',
  '--lang',
  '--help',
  '--version',
];

describe('README', () => {
  it('first command installs then runs cps-audit; no command says npx cps-audit', () => {
    expect(readme.match(/```sh\n([^\n]*)\n/)?.[1]).toBe('bash scripts/install.sh && cps-audit --demo');
    expect(readme).not.toMatch(/npx cps-audit/);
    expect(readme).toContain('bash scripts/install.sh --uninstall');
  });

  it('is a short first page in French and English, with the three commands of a technician', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(100);
    expect(readme).toContain('## English');
    for (const c of ['cps-audit diagnose', 'cps-audit bundle', 'cps-audit report'])
      expect(readme.split(c).length - 1).toBeGreaterThanOrEqual(2);
    // The place the Debian package's line goes (scripts/package.sh).
    expect(readme).toMatch(/Paquet Debian .*: `cps-audit_<version>_amd64\.deb`/);
    expect(readme).toContain('sudo apt-get install ./cps-audit_<version>_amd64.deb && cps-audit --demo');
    expect(readme).toContain('bash scripts/test.sh');
  });

  it('every document it links to exists', () => {
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) expect(fs.existsSync(new URL(`../../../${l}`, import.meta.url)), l).toBe(true);
  });

  it('docs/exit-codes.md lists every exit code with its meaning; the polkit rule docs/support.md names exists', () => {
    const codes = read('docs/exit-codes.md');
    for (const r of EXIT_TABLE) expect(codes).toContain(`| ${r.code} | ${r.means} |`);
    expect(read('docs/support.md')).toContain('docs/polkit/50-cps-audit.rules');
    const rule = read('docs/polkit/50-cps-audit.rules');
    expect(rule).toContain('org.debian.pcsc-lite.access_pcsc');
    expect(rule).toContain('org.debian.pcsc-lite.access_card');
  });

  it('the man page names every command, option and exit code', () => {
    const man = read('docs/man/cps-audit.1');
    for (const c of COMMANDS) expect(man).toMatch(new RegExp(`^\\.B(R)? .*${c}`, 'm'));
    for (const o of OPTIONS) expect(man).toContain(o.replace(/-/g, '\\-'));
    for (const r of EXIT_TABLE) expect(man).toContain(`${r.code} `);
    // The options of one command (issue 21): test and certs.
    for (const o of ['--no-pin', '--out', '--der']) expect(man).toContain(o.replace(/-/g, '\\-'));
  });

  it('the bash completion offers every command and option, and the simulated cards after --card', () => {
    const complete = (line: string) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source scripts/completion/cps-audit.bash; COMP_WORDS=(${line}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _cps_audit; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { cwd: new URL('../../../', import.meta.url), encoding: 'utf8' },
      )
        .trim()
        .split('\n');
    const first = complete("cps-audit ''");
    // --json belongs to report, diagnose and journal, offered after them.
    for (const w of [...COMMANDS, ...OPTIONS.filter((o) => o !== '--json')]) expect(first).toContain(w);
    expect(complete("cps-audit --demo --card ''").sort()).toEqual([...FIXTURE_NAMES].sort());
    expect(complete('cps-audit diagnose --')).toEqual(['--json', '--trace', '--lang', '--help']);
    expect(complete('cps-audit journal --')).toEqual(['--json', '--lang', '--help']);
    expect(complete('cps-audit test --')).toContain('--no-pin');
    expect(complete('cps-audit certs --')).toEqual(expect.arrayContaining(['--out', '--der']));
  });
});
