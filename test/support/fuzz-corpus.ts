// The saved fuzz corpus: test/fuzz-corpus/<parser>/<name>.hex (hex on one line) or .bin, made
// from the simulator's real files (cardCorpus below) and committed, so that a run starts from
// real card data even if the simulator changes. Rewrite it with FUZZ_WRITE_CORPUS=1.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHex, hex } from '../../src/card/bytes.js';
import { ApduProtocol } from '../../src/card/apdu/protocol.js';
import { CardFiles } from '../../src/card/cps/card-files.js';
import { getDataCountersCommand } from '../../src/card/cps/counters.js';
import { CommandChannel } from '../../src/card/cps/recovery.js';
import { absolutePath } from '../../src/card/cps/card-files.js';
import { parseCdf } from '../../src/card/pkcs15/cdf.js';
import { parseDodf } from '../../src/card/pkcs15/dodf.js';
import { createFixtureCard, type FixtureName } from '../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../src/card/transport/in-process.js';
import { frame } from '../../src/card/vpcd/frames.js';

export const CORPUS_DIR = fileURLToPath(new URL('../fuzz-corpus/', import.meta.url));

export const PARSERS = [
  'tlv',
  'dir',
  'odf',
  'token-info',
  'aodf',
  'prkdf',
  'cdf',
  'dodf',
  'sn-icc',
  'fcp',
  'certificate',
  'holder-data',
  'counters',
  'atr',
  'response',
  'vpcd-stream',
] as const;
export type ParserName = (typeof PARSERS)[number];

/** Every saved input of one parser, in file-name order. */
export function readCorpus(parser: ParserName): Uint8Array[] {
  const dir = join(CORPUS_DIR, parser);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hex') || f.endsWith('.bin'))
    .sort()
    .map((f) => {
      const raw = readFileSync(join(dir, f));
      return f.endsWith('.bin') ? new Uint8Array(raw) : fromHex(raw.toString('ascii').trim());
    });
}

export function writeCorpus(entries: ReadonlyMap<string, Uint8Array>, parser: ParserName): void {
  const dir = join(CORPUS_DIR, parser);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of entries) writeFileSync(join(dir, `${name}.hex`), `${hex(bytes, '').toLowerCase()}\n`);
}

const CARDS: readonly FixtureName[] = ['seed', 'cps3-rpps', 'cpe'];

/** Inputs for each parser, read from the simulated cards as the card layer reads them. */
export async function cardCorpus(): Promise<Map<ParserName, Map<string, Uint8Array>>> {
  const out = new Map<ParserName, Map<string, Uint8Array>>(PARSERS.map((p) => [p, new Map()]));
  const put = (p: ParserName, name: string, b: Uint8Array) => out.get(p)!.set(name, b);
  for (const fixture of CARDS) {
    const transport = new InProcessTransport();
    const card = createFixtureCard(fixture);
    // The seed's PIN is blocked: give it its tries back (memory only) to read what it guards.
    card.restore({ ...card.snapshot()!, pin: { code: '1234', triesLeft: 3 } });
    transport.insert(DEFAULT_READER, card);
    const c = await transport.connect(DEFAULT_READER, 'shared');
    const protocol = new ApduProtocol(c);
    const files = new CardFiles(new CommandChannel(protocol, null));
    put('atr', fixture, c.atr);
    // The situations need the PIN (1234 in ASCII, padded with FF, as the fixture's AODF says).
    await protocol.send({ cla: 0, ins: 0x20, p1: 0, p2: 1, data: fromHex('31323334FFFFFFFF') }, 'VERIFY');
    const named: [ParserName, string, string][] = [
      ['dir', 'ef-dir', '3F002F00'],
      ['odf', 'odf', '3F0000015031'],
      ['token-info', 'token-info', '3F0000015032'],
      ['aodf', 'aodf', '3F0000017001'],
      ['prkdf', 'prkdf', '3F0000017002'],
      ['cdf', 'cdf', '3F0000017005'],
      ['dodf', 'dodf', '3F0000017006'],
      ['sn-icc', 'sn-icc', '3F00D003'],
    ];
    for (const [parser, name, path] of named) {
      const bytes = await files.read(fromHex(path));
      put(parser, `${fixture}-${name}`, bytes);
      put('tlv', `${fixture}-${name}`, bytes);
      const sel = await protocol.transmit({ cla: 0, ins: 0xa4, p1: 0x09, p2: 0x04, data: fromHex(path), le: 256 }, 'SELECT');
      put('fcp', `${fixture}-${name}`, sel.data);
    }
    const dodf = out.get('dodf')!.get(`${fixture}-dodf`)!;
    let objects = 0;
    for (const e of parseDodf(dodf)) {
      if (!e.ok) continue;
      const name = (e.value.common.label ?? `objet-${++objects}`).toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const bytes = await files.read(e.value.path.path);
      put('holder-data', `${fixture}-${name}`, bytes);
      put('tlv', `${fixture}-${name}`, bytes);
    }
    const cdf = out.get('cdf')!.get(`${fixture}-cdf`)!;
    let n = 0;
    for (const e of parseCdf(cdf)) {
      if (!e.ok) continue;
      const der = await files.read(absolutePath(fromHex('3F000001'), e.value.path.path), e.value.path);
      put('certificate', `${fixture}-certificat-${++n}`, der);
    }
    await files.selectMf();
    for (const ref of [1, 2]) {
      const r = await protocol.send(getDataCountersCommand(ref), 'GET DATA');
      put('counters', `${fixture}-${ref === 1 ? 'pin' : 'puk'}`, r.data);
      put('tlv', `${fixture}-counters-${ref}`, r.data);
    }
    // Whole response APDUs (data + SW) as the card sends them, for the APDU layer.
    for (const [name, cmd] of [
      ['select-mf', '00A4000C023F00'],
      ['verify-empty', '0020000100'],
      ['verify-empty-puk', '0020000200'],
      ['select-dir', '00A4090404 3F002F00 00'],
      ['read-sn', '00B000000C'],
    ] as const) {
      put('response', `${fixture}-${name}`, await c.transmit(fromHex(cmd)));
    }
    await c.disconnect('reset');
    await transport.close();
  }
  put('atr', 'unknown', createFixtureCard('unknown').atr);
  put('atr', 'cps4', fromHex('3B 9B 18 80 01 00 12 25 00 64 80 00 04 01 00 90 44'));
  put('atr', 'cps3-sans-contact', fromHex('3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E'));
  for (const sw of ['6A82', '63C2', '6983', '6984', '6100', '6C10', '6282']) put('response', `sw-${sw.toLowerCase()}`, fromHex(sw));
  // A vpcd stream as pcscd sends it: get ATR, power on, two APDUs, power off.
  put(
    'vpcd-stream',
    'session',
    Uint8Array.from(
      Buffer.concat([
        frame(Uint8Array.of(0x04)),
        frame(Uint8Array.of(0x01)),
        frame(fromHex('00A4000C023F00')),
        frame(fromHex('00CB3FFF0A4D087006BF810102A08000')),
        frame(Uint8Array.of(0x00)),
      ]),
    ),
  );
  put('vpcd-stream', 'empty-frame', Uint8Array.from(frame(new Uint8Array(0))));
  return out;
}
