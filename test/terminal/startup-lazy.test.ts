// Start-up of the built tool does no work the first screen does not need (issue 14, CPU profile
// in docs/benchmarks.md): the X.509 library and its Reflect polyfill load when the first
// certificate is parsed, after the holder and codes are on screen; Ink's layout engine never
// calls fetch() for its WebAssembly. A probe preloaded in the tool's own process answers SIGUSR2.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { until } from '../support/pcscd-wait.js';
import { useTool } from '../support/pty-build.js';
import type { PtySession } from '../support/pty.js';

const kit = useTool();

const probe = pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'startup-probe.mjs')).href;
let dir = '';

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Asks the probe in the tool's process, and waits for its answer line. */
async function ask(s: PtySession, out: string, n: number): Promise<string> {
  process.kill(s.pid, 'SIGUSR2');
  let lines: string[] = [];
  await until(
    () => {
      lines = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').trim().split('\n') : [];
      return lines.length >= n;
    },
    10_000,
    `la réponse ${n} de la sonde`,
  );
  return lines[n - 1]!;
}

it('the holder and codes are on screen before the X.509 library is loaded; it loads for the certificates; fetch is never called', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-probe-'));
  const out = path.join(dir, 'probe.txt');
  // At real CPS3 link speed the certificates follow the first part by some three seconds.
  const session = kit.tool(['--demo', '--real-speed'], { nodeArgs: ['--import', probe], env: { CPS_PROBE_OUT: out } });
  await session.waitForText('99002752');
  await session.waitForText('DENT-CS0595');
  session.write('3');
  await session.waitForText('Lecture des certificats en cours…');
  expect(await ask(session, out, 1)).toBe('x509 absent, fetch 0');
  await session.waitForText('Certificat de signature', 30_000);
  expect(await ask(session, out, 2)).toBe('x509 chargé, fetch 0');
});
