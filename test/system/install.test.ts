// The README's first command on a clean clone: `bash scripts/install.sh` leaves `cps-audit` on the
// PATH, so that it runs from any other folder and never resolves to a registry. The launcher goes
// into a temporary prefix (CPS_AUDIT_PREFIX) with PATH set, so nothing is installed machine-wide.
// A user's install neither builds nor keeps node-pty (a test-only dependency).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/pty-build.js';
import { startPty } from '../support/pty.js';
import { NODE_FLAGS } from '../../scripts/node-flags.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-install-'));
const clone = path.join(dir, 'checkout');
const prefix = path.join(dir, 'prefix');
const elsewhere = path.join(dir, 'ailleurs');
const env = { ...process.env, CPS_AUDIT_PREFIX: prefix, PATH: `${path.join(prefix, 'bin')}:${process.env.PATH ?? ''}` };
let installOutput = '';

beforeAll(() => {
  execFileSync('git', ['clone', '--quiet', root, clone]);
  fs.mkdirSync(elsewhere);
  const started = Date.now();
  installOutput = execFileSync('bash', ['scripts/install.sh'], {
    cwd: clone,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  process.stdout.write(`\nscripts/install.sh sur un clone propre : ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}, 320_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the README install command on a clean clone', () => {
  it('puts cps-audit on the PATH: found from another folder, running the clone', () => {
    expect(installOutput).toContain('cps-audit est installé');
    const found = execFileSync('sh', ['-c', 'command -v cps-audit'], { cwd: elsewhere, env, encoding: 'utf8' }).trim();
    expect(found).toBe(path.join(prefix, 'bin', 'cps-audit'));
    const launcher = fs.readFileSync(found, 'utf8');
    expect(launcher).toContain(path.join(clone, 'dist', 'cps-audit.mjs'));
    expect(launcher).not.toMatch(/npx|npm exec|registry/);
    const version = spawnSync('cps-audit', ['--version'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^cps-audit \d+\.\d+\.\d+\nNode \d+/);
    const report = spawnSync('cps-audit', ['report', '--demo'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(report.stdout).toContain('M DENT-CS0595 EMILE');
    expect(report.status).toBe(10);
  });

  it('never built nor kept node-pty; the PC/SC binding is there when libpcsclite-dev is', () => {
    expect(fs.existsSync(path.join(clone, 'node_modules', 'node-pty'))).toBe(false);
    expect(fs.existsSync(path.join(clone, 'node_modules', 'vitest'))).toBe(false);
    expect(fs.existsSync(path.join(clone, 'node_modules', 'pcsclite', 'build', 'Release', 'pcsclite.node'))).toBe(
      fs.existsSync('/usr/include/PCSC/winscard.h'),
    );
  });

  it('the launcher runs the tool with its heap flags (scripts/node-flags.mjs), and the tool starts in a pseudo-terminal with them', async () => {
    const launcher = path.join(prefix, 'bin', 'cps-audit');
    const text = fs.readFileSync(launcher, 'utf8');
    for (const flag of NODE_FLAGS) expect(text).toContain(`'${flag}'`);
    const session = startPty({ command: launcher, args: ['--demo'], cwd: elsewhere, env: { PATH: env.PATH } });
    try {
      await session.waitForText('99002752', 30_000);
      await session.waitForText('DENT-CS0595');
      // The launcher exec's node: the process on the terminal is the tool, with the flags before the bundle.
      const argv = fs.readFileSync(`/proc/${session.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const at = argv.indexOf(path.join(clone, 'dist', 'cps-audit.mjs'));
      expect(at).toBeGreaterThan(0);
      expect(argv.slice(1, at)).toEqual([...NODE_FLAGS]);
      // No core dump (issue 18): the launcher starts Node with ulimit -c 0.
      expect(text).toContain('ulimit -c 0');
      expect(/^Max core file size\s+(\S+)/m.exec(fs.readFileSync(`/proc/${session.pid}/limits`, 'utf8'))?.[1]).toBe('0');
      session.write('q');
      expect((await session.waitForExit(10_000)).exitCode).toBe(10);
    } finally {
      session.kill();
    }
  });

  it('uninstalls its own launcher, man page and completion, and never replaces a file that is not its own', () => {
    const launcher = path.join(prefix, 'bin', 'cps-audit');
    // Installed with the launcher (issue 22): the man page and the bash completion, from these exact paths.
    const man = path.join(prefix, 'share', 'man', 'man1', 'cps-audit.1');
    const completion = path.join(prefix, 'share', 'bash-completion', 'completions', 'cps-audit');
    expect(fs.readFileSync(man, 'utf8')).toBe(fs.readFileSync(path.join(clone, 'docs', 'man', 'cps-audit.1'), 'utf8'));
    expect(fs.readFileSync(completion, 'utf8')).toBe(fs.readFileSync(path.join(clone, 'scripts', 'completion', 'cps-audit.bash'), 'utf8'));
    const un = spawnSync('bash', ['scripts/install.sh', '--uninstall'], { cwd: clone, env, encoding: 'utf8' });
    expect(un.status).toBe(0);
    expect(fs.existsSync(launcher)).toBe(false);
    expect(fs.existsSync(man)).toBe(false);
    expect(fs.existsSync(completion)).toBe(false);
    fs.writeFileSync(launcher, '#!/bin/sh\necho autre programme\n', { mode: 0o755 });
    const again = spawnSync('bash', ['scripts/install.sh', '--uninstall'], { cwd: clone, env, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(fs.readFileSync(launcher, 'utf8')).toContain('autre programme');
  });
});
