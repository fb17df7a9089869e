// Benchmarks (figures for the README, never asserted by tests): APDUs and time of each card
// operation in process, and the tool's start-up to the seed card on screen, bundle against tsx.
// Run: npx tsx scripts/bench.ts   (builds dist/ first if needed)

import { readFileSync } from 'node:fs';
import { createCardService } from '../src/card/cps/service.js';
import { createFixtureCard, type FixtureName } from '../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../src/card/transport/in-process.js';
import { startPty } from '../test/support/pty.js';
import { bundle, ensureBuilt } from '../test/support/pty-build.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function cardOperation(fixture: FixtureName, op: 'read' | 'unblock' | 'change', runs = 21) {
  const times: number[] = [];
  let apdus = 0;
  for (let i = 0; i < runs; i++) {
    const transport = new InProcessTransport();
    transport.insert(DEFAULT_READER, createFixtureCard(fixture));
    const service = createCardService(transport);
    const t0 = performance.now();
    if (op === 'read') await service.read(DEFAULT_READER);
    else if (op === 'unblock') await service.unblockPin(DEFAULT_READER, '12345678', '2468');
    else await service.changePin(DEFAULT_READER, '1234', '2468');
    times.push(performance.now() - t0);
    apdus = transport.apduCount;
    await transport.close();
  }
  console.log(
    `${fixture.padEnd(9)} ${op.padEnd(8)} ${String(apdus).padStart(3)} APDU   médiane ${ms(median(times))}  (min ${ms(Math.min(...times))}, ${runs} essais)`,
  );
}

function rssMiB(pid: number): string {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return hwm ? `${(Number(hwm[1]) / 1024).toFixed(0)} Mio` : '?';
  } catch {
    return '?';
  }
}

async function startUp(label: string, command: string, args: string[], runs = 5) {
  const times: number[] = [];
  let peak = '?';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const pty = startPty({ command, args });
    await pty.waitForText('99002752', 30_000);
    times.push(performance.now() - t0);
    peak = rssMiB(pty.pid);
    pty.write('q');
    await pty.waitForExit(10_000).catch(() => pty.kill());
  }
  console.log(`${label.padEnd(34)} médiane ${ms(median(times))}  (min ${ms(Math.min(...times))}), mémoire max ${peak}`);
}

console.log('— Opérations sur carte simulée, en processus —');
for (const fixture of ['seed', 'cps4'] as const) {
  await cardOperation(fixture, 'read');
  await cardOperation(fixture, 'unblock');
}
await cardOperation('cps3-rpps', 'read');
await cardOperation('cps3-rpps', 'change');

console.log('— Démarrage jusqu’à la carte du seed à l’écran (pseudo-terminal 80×24) —');
ensureBuilt();
await startUp('bundle (node dist/cps-audit.mjs)', process.execPath, [bundle, '--demo']);
await startUp('tsx (src/app/main.tsx)', process.execPath, ['--import', 'tsx', 'src/app/main.tsx', '--demo'], 3);
