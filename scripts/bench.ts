// Benchmarks (figures for the README, never asserted by tests): APDUs and time of each card
// operation in process; for each simulated card, APDUs, bytes and time to the first part of the
// read (holder, codes) and to the full read, in process and at real link speed (link-speed.ts);
// the tool's start-up to the seed card on screen beside `node -e 0`, bundle against tsx.
// Run: npm run bench   (builds dist/ first if needed)

import { readFileSync } from 'node:fs';
import { createCardService } from '../src/card/cps/service.js';
import { createFixtureCard, type FixtureName } from '../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../src/card/transport/in-process.js';
import { spawnSync } from 'node:child_process';
import type { TraceEntry } from '../src/card/apdu/trace.js';
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

async function startUp(label: string, command: string, args: string[], runs = 5): Promise<number> {
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
  return median(times);
}

const bytesOf = (t: readonly TraceEntry[]) =>
  t.reduce((n, e) => n + e.command.split(' ').length + (e.response ? e.response.split(' ').length : 0), 0);

/** Insertion to the first part (onFirst) and to the full read: APDUs, bytes, median time. */
async function phases(fixture: FixtureName, realSpeed: boolean, runs: number) {
  const first: number[] = [];
  const full: number[] = [];
  let f = { apdus: 0, bytes: 0 };
  let all = { apdus: 0, bytes: 0 };
  let early = false;
  for (let i = 0; i < runs; i++) {
    const transport = new InProcessTransport(realSpeed ? { realSpeed: {} } : {});
    transport.insert(DEFAULT_READER, createFixtureCard(fixture));
    const traces: TraceEntry[] = [];
    const service = createCardService(transport, { onTrace: (e) => traces.push(e) });
    const t0 = performance.now();
    let tFirst = Number.NaN;
    await service.read(DEFAULT_READER, () => {
      tFirst = performance.now() - t0;
      f = { apdus: transport.apduCount, bytes: bytesOf(traces) };
      early = true;
    });
    const tFull = performance.now() - t0;
    all = { apdus: transport.apduCount, bytes: bytesOf(traces) };
    if (!early) f = all;
    first.push(Number.isNaN(tFirst) ? tFull : tFirst);
    full.push(tFull);
    await transport.close();
  }
  console.log(
    `${fixture.padEnd(13)} ${realSpeed ? 'vitesse réelle' : 'en processus  '}  1re partie ${String(f.apdus).padStart(2)} APDU ${String(f.bytes).padStart(5)} o ${ms(median(first)).padStart(10)}` +
      `   complète ${String(all.apdus).padStart(2)} APDU ${String(all.bytes).padStart(5)} o ${ms(median(full)).padStart(10)}${early ? '' : '  (porteur pris du certificat : pas de 1re partie)'}`,
  );
}

function bareNode(runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - t0);
  }
  return median(times);
}

console.log(
  `Machine : ${(await import('node:os')).cpus().length} cœurs ${(await import('node:os')).cpus()[0]?.model ?? ''}, Node ${process.version}`,
);
console.log('— Lecture par phases : insertion → 1re partie à l’écran (porteur, codes) → lecture complète —');
for (const fixture of ['seed', 'cps3-rpps', 'cps3-public', 'cpe', 'cps4'] as const) {
  await phases(fixture, false, 11);
  await phases(fixture, true, 3);
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
const node0 = bareNode();
const tool = await startUp('bundle (node dist/cps-audit.mjs)', process.execPath, [bundle, '--demo']);
console.log(`node -e 0 : médiane ${ms(node0)} ; rapport bundle / node nu : ${(tool / node0).toFixed(1)}×`);
await startUp('tsx (src/app/main.tsx)', process.execPath, ['--import', 'tsx', 'src/app/main.tsx', '--demo'], 3);
