// The README stays true for the command line: the install command, no `npx cps-audit`, the exit
// code table as exit-codes.ts has it, the polkit rule it names.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_TABLE } from '../../../src/app/exit-codes.js';

const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('first command installs then runs cps-audit; no command says npx cps-audit', () => {
    expect(readme.match(/```sh\n([^\n]*)\n/)?.[1]).toBe('bash scripts/install.sh && cps-audit --demo');
    expect(readme).not.toMatch(/npx cps-audit/);
    expect(readme).toContain('bash scripts/install.sh --uninstall');
  });

  it('lists every exit code with its meaning, and the polkit rule file exists', () => {
    for (const r of EXIT_TABLE) expect(readme).toContain(`| ${r.code} | ${r.means} |`);
    expect(readme).toContain('docs/polkit/50-cps-audit.rules');
    const rule = fs.readFileSync(new URL('../../../docs/polkit/50-cps-audit.rules', import.meta.url), 'utf8');
    expect(rule).toContain('org.debian.pcsc-lite.access_pcsc');
    expect(rule).toContain('org.debian.pcsc-lite.access_card');
  });
});
